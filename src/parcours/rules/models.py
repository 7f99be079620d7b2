"""Tables of the rules domain."""
