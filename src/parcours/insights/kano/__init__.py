"""Kano: must-be, one-dimensional and attractive elements from functional/dysfunctional pairs."""
