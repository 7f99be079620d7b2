"""Accounts: the people who use Parcours, their role, and the partner or team they belong to."""
