"""After the sale: follow-ups scheduled after a purchase or a closed case, sent when due."""
