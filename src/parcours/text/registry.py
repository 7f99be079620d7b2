"""Components by name, and pipelines assembled from configuration.

Components are looked up lazily ("module:Class") so that a pipeline only imports, and only
loads the models of, the components it names.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from parcours.text.base import Component, Doc

COMPONENTS: dict[str, str] = {
    "normalise": "parcours.text.normalise:Normaliser",
    "language": "parcours.text.language:LanguageDetector",
    "pii": "parcours.text.pii:PiiRedactor",
    "sentences": "parcours.text.normalise:SentenceSplitter",
    "sentiment": "parcours.text.models.sentiment:SentimentComponent",
    "aspects": "parcours.text.aspects:AspectSentiment",
    "themes": "parcours.text.themes:ThemeTagger",
    "emotions": "parcours.text.emotions:EmotionScorer",
    "feelings": "parcours.text.feelings:FeelingDetector",
    "attribution": "parcours.text.attribution:StepAttributor",
}

# What `--path fast|accurate` runs when no configuration is given.
DEFAULT_PIPELINES: dict[str, list[dict[str, Any]]] = {
    "fast": [
        {"name": "normalise"},
        {"name": "language"},
        {"name": "pii"},
        {"name": "sentences"},
        {"name": "sentiment", "path": "fast"},
        # Aspect polarity from the fast sentence model read with the lexicon: closer to the
        # Skytrax aspect stars than the lexicon alone on each of the 7 rated aspects (train
        # side), for about a third more time on reviews; `text evaluate` shows both.
        {"name": "aspects", "path": "fast", "polarity": "auto"},
        # Embedding-based (zero-shot) themes cost ~40 ms a text on CPU: accurate path only.
        {"name": "themes", "zero_shot": False},
        {"name": "emotions"},
        {"name": "feelings"},
    ],
    "accurate": [
        {"name": "normalise"},
        {"name": "language"},
        {"name": "pii"},
        {"name": "sentences"},
        {"name": "sentiment", "path": "accurate"},
        # The sentence model (fast + e5 cascade) for aspect polarity.
        {"name": "aspects", "path": "accurate", "polarity": "auto"},
        {"name": "themes"},
        {"name": "emotions"},
        {"name": "feelings"},
    ],
}


class UnknownComponentError(ValueError):
    """A pipeline configuration names a component that does not exist."""


def register(name: str, target: str) -> None:
    """Add (or replace) a component: `target` is "package.module:ClassName"."""
    COMPONENTS[name] = target


def build(name: str, **options: Any) -> Component:
    """One component, built with its options."""
    try:
        target = COMPONENTS[name]
    except KeyError:
        known = ", ".join(sorted(COMPONENTS))
        raise UnknownComponentError(f"unknown text component {name!r} (known: {known})") from None
    module_name, _, class_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    component: Component = cls(**options)
    return component


class Pipeline:
    """Components run in order over each batch."""

    def __init__(self, components: Sequence[Component]) -> None:
        self.components = list(components)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def __call__(self, docs: Sequence[Doc]) -> list[Doc]:
        batch = list(docs)
        for component in self.components:
            batch = component(batch)
        return batch


def from_config(steps: Sequence[Mapping[str, Any]]) -> Pipeline:
    """A pipeline from a list of `{name: ..., option: value}` entries."""
    components = []
    for step in steps:
        options = dict(step)
        name = options.pop("name")
        components.append(build(str(name), **options))
    return Pipeline(components)


def default_pipeline(path: str = "fast") -> Pipeline:
    if path not in DEFAULT_PIPELINES:
        raise UnknownComponentError(f"unknown path {path!r} (fast or accurate)")
    return from_config(DEFAULT_PIPELINES[path])


def load_config(file: Path) -> Pipeline:
    """A pipeline from a YAML file: `pipeline: [{name: normalise}, ...]` (one per journey)."""
    data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    steps = data.get("pipeline") if isinstance(data, dict) else None
    if not isinstance(steps, list):
        raise UnknownComponentError(f"{file}: expected a 'pipeline:' list of components")
    return from_config(steps)
