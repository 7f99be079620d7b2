"""Tables of the notifications domain."""
