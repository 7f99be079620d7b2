"""Bulk import of existing feedback: CSV and JSON Lines, mapped, validated, idempotent."""
