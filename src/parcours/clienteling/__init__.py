"""Clienteling: one customer's view across steps and partners, for the agent at the desk."""
