"""The `parcours` command line: thin commands over the domain services."""
