"""Rules that turn feedback and external events into actions, recorded and idempotent."""
