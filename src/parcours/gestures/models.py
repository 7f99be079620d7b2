"""Tables of the gestures domain."""
