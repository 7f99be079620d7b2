"""Parcours: customer-experience management across multi-partner journeys."""

__version__ = "0.1.0"
