"""The relational store: engine, sessions, base model, stable ids and migrations."""
