"""Relational signature: personal, customer-centred messages rather than generic brand talk."""
