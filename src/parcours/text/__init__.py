"""Verbatim analytics in French and English: a pipeline of registered components.

Usable without the web app: `parcours.text.registry.default_pipeline("fast")` over `Doc`s.
"""
