"""Components by name, and pipelines assembled from configuration.

Components are looked up lazily ("module:Class") so that a pipeline only imports, and only
loads the models of, the components it names. A configuration that cannot be built (not YAML,
an entry without a name, an unknown component or option, a bad option value) raises one
`PipelineConfigError` naming the file, the entry and the field, in French and in English.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from parcours.errors import BilingualError
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


class PipelineConfigError(BilingualError, ValueError):
    """A pipeline configuration that cannot be built; the message says where and why."""

    def within(self, en: str, fr: str) -> PipelineConfigError:
        """The same error, its message prefixed by where it was met."""
        return type(self)(en=f"{en}: {self.en}", fr=f"{fr} : {self.fr}")


class UnknownComponentError(PipelineConfigError):
    """A pipeline configuration names a component (or a path) that does not exist."""


def register(name: str, target: str) -> None:
    """Add (or replace) a component: `target` is "package.module:ClassName"."""
    COMPONENTS[name] = target


def build(name: str, **options: Any) -> Component:
    """One component, built with its options; `PipelineConfigError` for an unknown component,
    an option it does not take or a value it refuses."""
    try:
        target = COMPONENTS[name]
    except KeyError:
        known = ", ".join(sorted(COMPONENTS))
        raise UnknownComponentError(
            en=f"unknown text component {name!r} (known: {known})",
            fr=f"composant d'analyse inconnu {name!r} (connus : {known})",
        ) from None
    module_name, _, class_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    _check_options(name, cls, options)
    try:
        component: Component = cls(**options)
    except (ValueError, TypeError) as exc:
        # A value the component refuses (a path that does not exist, a size below 1...).
        en = exc.en if isinstance(exc, BilingualError) else str(exc)
        fr = exc.fr if isinstance(exc, BilingualError) else str(exc)
        raise PipelineConfigError(
            en=f"component {name!r}: {en}", fr=f"composant {name!r} : {fr}"
        ) from exc
    return component


def _check_options(name: str, cls: Any, options: Mapping[str, Any]) -> None:
    parameters = inspect.signature(cls).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        return
    unknown = sorted(set(options) - set(parameters))
    if unknown:
        known = ", ".join(parameters) or "-"
        raise PipelineConfigError(
            en=f"component {name!r}: unknown option {unknown[0]!r} (options: {known})",
            fr=f"composant {name!r} : option inconnue {unknown[0]!r} (options : {known})",
        )


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


def from_config(steps: Sequence[Mapping[str, Any] | str]) -> Pipeline:
    """A pipeline from a list of `{name: ..., option: value}` entries (a bare name is a
    component with its default options); errors name the entry, counted from 1."""
    components = []
    for number, step in enumerate(steps, start=1):
        try:
            name, options = _entry(step)
            components.append(build(name, **options))
        except PipelineConfigError as exc:
            raise exc.within(f"entry {number}", f"entrée {number}") from exc
    return Pipeline(components)


def _entry(step: Any) -> tuple[str, dict[str, Any]]:
    if isinstance(step, str):
        return step, {}
    if isinstance(step, Mapping) and isinstance(step.get("name"), str):
        options = {str(k): v for k, v in step.items() if k != "name"}
        return step["name"], options
    raise PipelineConfigError(
        en=f"expected a component name or {{name: ..., options}}, got {step!r}",
        fr=f"un nom de composant ou {{name: ..., options}} était attendu, pas {step!r}",
    )


def default_pipeline(path: str = "fast") -> Pipeline:
    if path not in DEFAULT_PIPELINES:
        raise UnknownComponentError(
            en=f"unknown text path {path!r} (fast or accurate)",
            fr=f"chemin d'analyse inconnu {path!r} (fast ou accurate)",
        )
    return from_config(DEFAULT_PIPELINES[path])


def load_config(file: Path) -> Pipeline:
    """A pipeline from a YAML file: `pipeline: [{name: normalise}, ...]` (one per journey)."""
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise PipelineConfigError(
            en=f"{file}: cannot read ({exc.strerror})",
            fr=f"{file} : lecture impossible ({exc.strerror})",
        ) from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, " if mark is not None else ""
        where_fr = f"ligne {mark.line + 1}, " if mark is not None else ""
        reason = getattr(exc, "problem", None) or exc
        raise PipelineConfigError(
            en=f"{file}: not valid YAML ({where}{reason})",
            fr=f"{file} : YAML invalide ({where_fr}{reason})",
        ) from exc
    steps = data.get("pipeline") if isinstance(data, dict) else None
    if not isinstance(steps, list):
        raise PipelineConfigError(
            en=f"{file}: expected a 'pipeline:' list of components",
            fr=f"{file} : une liste 'pipeline:' de composants était attendue",
        )
    try:
        return from_config(steps)
    except PipelineConfigError as exc:
        raise exc.within(str(file), str(file)) from exc
