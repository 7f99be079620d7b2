"""The default taxonomy, its loader's errors and the override files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from parcours.text.base import Doc, Language
from parcours.text.taxonomy import (
    TaxonomyError,
    as_dict,
    default_taxonomy,
    load_taxonomy,
    parse_taxonomy,
)
from parcours.text.themes import term_themes

REQUIRED_ASPECTS = {
    "price",
    "food",
    "staff",
    "waiting",
    "cleanliness",
    "comfort",
    "entertainment",
    "wifi",
    "luggage",
    "punctuality",
    "booking",
    "shopping",
    "information",
}


def test_default_taxonomy_has_every_aspect_in_both_languages() -> None:
    tax = default_taxonomy()
    assert set(tax.aspect_ids) >= REQUIRED_ASPECTS
    for aspect in REQUIRED_ASPECTS:
        entry = tax.get(aspect)
        assert entry.terms["fr"] and entry.terms["en"], aspect
        assert entry.label["fr"] and entry.label["en"]
    zero_shot = [e.id for e in tax.entries if e.zero_shot]
    assert zero_shot, "at least one entry is matched by its description only"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Les serveuses étaient adorables", "fr", "staff"),
        ("Rapport qualité-prix imbattable", "fr", "price"),
        ("Une heure de file d'attente au contrôle", "fr", "waiting"),
        ("Valise perdue à l'arrivée", "fr", "luggage"),
        ("Le wi-fi ne marchait pas", "fr", "wifi"),
        ("Vol annulé sans explication", "fr", "punctuality"),
        ("Impossible de modifier ma réservation sur l'appli", "fr", "booking"),
        ("Plenty of legroom and a flat bed", "en", "comfort"),
        ("Our flight was delayed twice", "en", "punctuality"),
        ("The seatback screen was broken", "en", "entertainment"),
        ("No signage at all in the terminal", "en", "information"),
        ("Duty free shops were overpriced", "en", "shopping"),
        ("The washrooms were filthy", "en", "cleanliness"),
        ("Le haut débit ne passait pas dans la chambre", "fr", "wifi"),
    ],
)
def test_default_terms_find_their_aspect(text: str, lang: Language, expected: str) -> None:
    assert expected in term_themes(Doc(0, text, language=lang), default_taxonomy())


def test_a_charge_is_no_bandwidth() -> None:
    # "débité" (charged) and "débit" (bandwidth) share a stem: only débit's phrases are wifi.
    doc = Doc(0, "Ils m'ont débité deux fois et refusent de rembourser", language="fr")
    assert "wifi" not in term_themes(doc, default_taxonomy())


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_invalid_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    bad = _write(tmp_path, "bad.yaml", "version: 1\nentries:\n  price: [unclosed\n")
    with pytest.raises(TaxonomyError) as err:
        load_taxonomy(path=bad)
    assert str(bad) in str(err.value)
    assert "line" in str(err.value)
    assert "YAML" in err.value.message("fr")


@pytest.mark.parametrize(
    ("entries", "where"),
    [
        (
            {"price": {"kind": "aspect", "terms": {"fr": ["prix", 3.5, ["x"]]}}},
            "entries.price.terms.fr[2]",
        ),
        ({"price": {"kind": "mood", "terms": {"fr": ["prix"]}}}, "entries.price.kind"),
        ({"price": {"terms": {"de": ["Preis"]}}}, "entries.price.terms"),
        ({"price": {"terms": {"fr": ["prix"]}, "colour": "red"}}, "entries.price.colour"),
        ({"Price!": {"terms": {"fr": ["prix"]}}}, "entries.Price!"),
        ({"price": {"label": {"fr": "Prix"}}}, "entries.price"),
        ({"price": {"terms": {"fr": ["s*"]}}}, "entries.price.terms.fr[0]"),
        ({"price": {"terms": {"fr": ["..."]}}}, "entries.price.terms.fr[0]"),
    ],
)
def test_bad_entries_name_the_entry_and_field(
    tmp_path: Path, entries: dict[str, object], where: str
) -> None:
    path = _write(tmp_path, "tax.yaml", yaml.safe_dump({"version": 1, "entries": entries}))
    with pytest.raises(TaxonomyError) as err:
        load_taxonomy(path=path)
    assert str(err.value).startswith(f"{path}: {where}")
    assert err.value.message("fr").startswith(f"{path}: {where}")


def test_override_adds_replaces_and_removes(tmp_path: Path) -> None:
    override = _write(
        tmp_path,
        "override.yaml",
        yaml.safe_dump(
            {
                "entries": {
                    "staff": {"terms": {"fr": ["GO", "gentil organisateur"]}},
                    "wifi": {"replace": True, "terms": {"en": ["hotspot"]}},
                    "shopping": {"remove": True},
                    "pets": {
                        "label": {"fr": "Animaux", "en": "Pets"},
                        "terms": {"fr": ["chien", "chat"], "en": ["dog", "cat"]},
                    },
                },
                "steps": {"pool": {"fr": ["piscine"], "en": ["pool"]}},
            }
        ),
    )
    tax = load_taxonomy(overrides=[override])
    staff = tax.get("staff")
    assert "gentil organisateur" in staff.terms["fr"]
    assert "serveur" in staff.terms["fr"], "added terms keep the default ones"
    assert tax.get("wifi").terms == {"fr": (), "en": ("hotspot",)}
    assert "shopping" not in tax.ids
    assert tax.get("pets").kind == "theme"
    assert tax.step_terms["pool"]["fr"] == ("piscine",)
    assert tax.sources[-1] == str(override)
    assert "pets" in term_themes(Doc(0, "Les chiens sont acceptés", language="fr"), tax)
    assert "wifi" not in term_themes(Doc(0, "The wifi was slow", language="en"), tax)


def test_journey_override_file_is_picked_up_by_code() -> None:
    tax = load_taxonomy(journey="family-trip")
    assert "uber" in tax.step_terms["taxi-to-airport"]["en"]
    assert load_taxonomy(journey="no-such-journey").step_terms == {}


def test_taxonomy_round_trips_through_its_plain_form() -> None:
    tax = load_taxonomy(journey="family-trip")
    again = parse_taxonomy(yaml.safe_dump(as_dict(tax), allow_unicode=True, sort_keys=False))
    assert again.entries == tax.entries
    assert again.step_terms == tax.step_terms


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="cannot read"):
        load_taxonomy(path=tmp_path / "none.yaml")
