"""Maturity: where the organisation stands on the customer-experience pyramid (seed 003), by a
dated self-assessment set beside the evidence Parcours already holds."""
