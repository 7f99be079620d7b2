"""Pipelines from configuration: every mistake in a pipeline file said with its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from parcours.text.base import Doc
from parcours.text.registry import (
    PipelineConfigError,
    UnknownComponentError,
    default_pipeline,
    from_config,
    load_config,
)


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pipeline.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> PipelineConfigError:
    with pytest.raises(PipelineConfigError) as caught:
        load_config(path)
    return caught.value


def test_bare_names_and_entries_with_options(tmp_path: Path) -> None:
    path = config(tmp_path, "pipeline:\n  - normalise\n  - name: language\n")
    pipeline = load_config(path)
    assert pipeline.names == ["normalise", "language"]
    (doc,) = pipeline([Doc(0, "  Le personnel était très aimable  ")])
    assert doc.language == "fr"


@pytest.mark.parametrize(
    ("text", "en", "fr"),
    [
        (
            "pipeline:\n  - normalise\n  - name: nope\n",
            "entry 2: unknown text component 'nope' (known: aspects, ",
            "entrée 2 : composant d'analyse inconnu 'nope' (connus : aspects, ",
        ),
        (
            "pipeline:\n  - path: fast\n",
            "entry 1: expected a component name or {name: ..., options}, got {'path': 'fast'}",
            "entrée 1 : un nom de composant ou {name: ..., options} était attendu, "
            "pas {'path': 'fast'}",
        ),
        (
            "pipeline:\n  - name: normalise\n    colour: red\n",
            "entry 1: component 'normalise': unknown option 'colour' (options: max_chars, ",
            "entrée 1 : composant 'normalise' : option inconnue 'colour' (options : max_chars, ",
        ),
        (
            "pipeline:\n  - language\n  - name: sentiment\n    path: slow\n",
            "entry 2: component 'sentiment': unknown text path 'slow' (fast or accurate)",
            "entrée 2 : composant 'sentiment' : chemin d'analyse inconnu 'slow' (fast ou accurate)",
        ),
        (
            "pipeline:\n  - name: normalise\n    mentions: hide\n",
            "entry 1: component 'normalise': mentions must be 'token', 'keep' or 'drop', "
            "not 'hide'",
            "entrée 1 : composant 'normalise' : mentions doit valoir 'token', 'keep' ou 'drop', "
            "pas 'hide'",
        ),
        (
            "pipeline:\n  - name: pii\n    kinds: [email, dna]\n",
            "entry 1: component 'pii': unknown PII kinds: ['dna']",
            "entrée 1 : composant 'pii' : types de données personnelles inconnus : ['dna']",
        ),
        (
            "pipeline: [normalise\n",
            "not valid YAML (line 2, ",
            "YAML invalide (ligne 2, ",
        ),
        (
            "steps: [normalise]\n",
            "expected a 'pipeline:' list of components",
            "une liste 'pipeline:' de composants était attendue",
        ),
    ],
)
def test_each_mistake_says_where_in_both_languages(
    tmp_path: Path, text: str, en: str, fr: str
) -> None:
    path = config(tmp_path, text)
    error = error_of(path)
    assert error.message("en").startswith(f"{path}: {en}"), error.message("en")
    assert error.message("fr").startswith(f"{path} : {fr}"), error.message("fr")


def test_unreadable_file_and_unknown_default_path(tmp_path: Path) -> None:
    error = error_of(tmp_path / "absent.yaml")
    assert error.message("en").endswith("absent.yaml: cannot read (No such file or directory)")
    with pytest.raises(UnknownComponentError, match="unknown text path 'slow'"):
        default_pipeline("slow")
    # Built from a list in code (a journey's own pipeline), the entry is named all the same.
    with pytest.raises(PipelineConfigError, match=r"^entry 1: component 'normalise': "):
        from_config([{"name": "normalise", "max_chars": 0}])
