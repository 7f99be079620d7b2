"""The HTTP side of Parcours: the JSON API (and, later, the pages), on FastAPI."""
