"""Emerging topics among the verbatims the taxonomy does not explain, and their command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from parcours.cli.context import STATE
from parcours.cli.text_topics import read_texts, topics
from parcours.text.base import Doc, Language
from parcours.text.taxonomy import default_taxonomy
from parcours.text.topics import emerging_topics, unexplained

# Subjects the default taxonomy has no entry for, written as customers would.
PETS_FR = [
    "Notre chien n'a pas été accepté, alors que les animaux étaient annoncés bienvenus.",
    "Impossible de venir avec notre chien, les animaux sont interdits.",
    "Le chien a dû rester à la maison, aucun animal autorisé.",
    "Ils refusent les animaux, même un petit chien.",
    "Un chien calme, refusé quand même : animaux interdits partout.",
    "Animaux interdits, notre chien a dormi dans la voiture.",
]
METEO_FR = [
    "Il a plu toute la semaine, une météo vraiment triste.",
    "Météo exécrable : pluie et vent tous les jours.",
    "La pluie n'a jamais cessé, sale météo pour des vacances.",
    "Pluie du matin au soir, la météo a gâché le séjour.",
    "Une semaine de pluie, la météo annonçait pourtant du soleil.",
    "Météo pourrie, de la pluie tous les jours.",
]
WEATHER_EN = [
    "It rained every single day, the weather ruined our week.",
    "Terrible weather, rain and wind all week long.",
    "The rain never stopped, awful weather for a beach holiday.",
    "Weather was grim: rain, rain and more rain.",
    "Cold weather and heavy rain the whole stay.",
    "We got rain all week, the weather forecast was right.",
]
SNOW_EN = [
    "Snow everywhere, the ski slopes were perfect after the snowfall.",
    "Fresh snow on the slopes every morning, great skiing.",
    "The ski slopes had deep snow, best skiing ever.",
    "Skiing on fresh snow, slopes groomed every night.",
    "Not enough snow, half the ski slopes closed.",
    "Powder snow and empty slopes, skiing paradise.",
]
EXPLAINED = [
    "Le personnel était charmant et la chambre propre.",
    "Our flight was delayed and the crew were rude.",
]


def _docs() -> list[Doc]:
    texts: list[tuple[str, Language]] = [(t, "fr") for t in PETS_FR + METEO_FR]
    texts += [(t, "en") for t in WEATHER_EN + SNOW_EN]
    texts += [(EXPLAINED[0], "fr"), (EXPLAINED[1], "en")]
    return [Doc(i, t, language=lang) for i, (t, lang) in enumerate(texts)]


def test_only_unexplained_texts_are_clustered() -> None:
    pool = unexplained(_docs(), taxonomy=default_taxonomy())
    assert {d.text for d in pool}.isdisjoint(EXPLAINED)
    tagged = Doc(99, "Rien à voir", language="fr", themes=["staff"])
    assert unexplained([tagged], taxonomy=default_taxonomy()) == []


def test_topics_are_named_in_their_language() -> None:
    found = emerging_topics(_docs(), min_cluster_size=4, max_topics=4)
    by_lang: dict[str, list[tuple[str, ...]]] = {}
    for topic in found:
        by_lang.setdefault(topic.language, []).append(topic.terms)
        assert topic.size >= 4
        assert len(topic.rows) == topic.size
        assert 1 <= len(topic.examples) <= 3
        assert topic.cohesion >= 0.1
    assert any("chien" in terms or "animaux" in terms for terms in by_lang["fr"])
    en_names = [" ".join(terms) for terms in by_lang["en"]]
    assert any("weather" in name or "rain" in name for name in en_names)
    assert any("snow" in name or "slope" in name or "ski" in name for name in en_names)
    # Function words never name a topic.
    for terms in by_lang["fr"] + by_lang["en"]:
        assert not {"the", "and", "les", "de", "a"} & set(terms)
    # The weather and snow texts are told apart.
    start = len(PETS_FR) + len(METEO_FR)
    weather_rows = set(range(start, start + len(WEATHER_EN)))
    assert any(set(t.rows) <= weather_rows for t in found if t.language == "en")


def test_too_few_texts_make_no_topic() -> None:
    assert emerging_topics([], min_cluster_size=3) == []
    assert emerging_topics(_docs()[:5], min_cluster_size=5) == []
    assert emerging_topics([Doc(0, "", language="fr")] * 20, min_cluster_size=2) == []


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command()(topics)
    app.command("noop")(lambda: None)
    return app


def test_command_reads_csv_and_prints_topics(tmp_path: Path) -> None:
    file = tmp_path / "verbatims.csv"
    rows = ["id;comment;lang"] + [f'{d.row};"{d.text}";{d.language}' for d in _docs()]
    file.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        _app(),
        [
            "topics",
            str(file),
            "--text-column",
            "comment",
            "--language-column",
            "lang",
            "--min-cluster-size",
            "4",
            "--max-topics",
            "4",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "emerging topics" in result.output or "sujets émergents" in result.output
    assert "chien" in result.output


def test_reader_handles_jsonl_and_reports_a_missing_column(tmp_path: Path) -> None:
    file = tmp_path / "verbatims.jsonl"
    lines = [json.dumps({"text": d.text}) for d in _docs()] + ["", json.dumps({"text": None})]
    file.write_text("\n".join(lines), encoding="utf-8")
    docs, broken = read_texts(file, text_column="text", limit=5)
    assert broken == []
    assert [d.text for d in docs] == [d.text for d in _docs()[:5]]
    assert {d.language for d in docs} == {"other"}
    result = CliRunner().invoke(_app(), ["topics", str(file), "--text-column", "avis"])
    assert result.exit_code != 0
    assert "avis" in str(result.exception)


def test_a_windows_export_with_a_broken_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """cp1252, semicolons and one truncated row: the row is set aside and said, not the file."""
    monkeypatch.setattr(STATE, "lang", "fr")
    file = tmp_path / "avis.csv"
    rows = ["id;avis;langue"] + [f"{d.row};{d.text};{d.language}" for d in _docs()]
    rows.insert(3, "99;ligne coupée")
    file.write_bytes(("\n".join(rows) + "\n").encode("cp1252"))
    docs, broken = read_texts(file, text_column="avis", language_column="langue")
    assert [(d.text, d.language) for d in docs] == [(d.text, d.language) for d in _docs()]
    assert [(b.row, b.reason) for b in broken] == [(2, "line 4: 2 fields, expected 3")]
    result = CliRunner().invoke(
        _app(),
        ["topics", str(file), "--text-column", "avis", "--language-column", "langue"],
    )
    assert result.exit_code == 0, result.output
    assert "1 lignes illisibles, laissées de côté (la première, ligne 2 : line 4: 2 fields" in (
        " ".join(result.output.split())
    )
