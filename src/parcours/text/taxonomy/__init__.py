"""What customers talk about: the aspects and themes of the verbatim engine, as YAML files.

`default_taxonomy()` is the packaged multi-sector taxonomy (default.yaml); `load_taxonomy`
adds a journey's override file (journeys/<code>.yaml) and any explicit overrides.
"""

from parcours.text.taxonomy.loader import (
    DEFAULT_FILE,
    Entry,
    Taxonomy,
    TaxonomyError,
    as_dict,
    default_taxonomy,
    load_taxonomy,
    parse_taxonomy,
)

__all__ = [
    "DEFAULT_FILE",
    "Entry",
    "Taxonomy",
    "TaxonomyError",
    "as_dict",
    "default_taxonomy",
    "load_taxonomy",
    "parse_taxonomy",
]
