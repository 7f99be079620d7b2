"""Customers: one identifier across steps and channels, with country, language and segment."""
