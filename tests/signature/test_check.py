"""The relational-signature check: generic brand talk flagged sentence by sentence in French
and English, with the reason and a personal rewrite; personal messages left alone."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parcours.signature.service import check_text, sentences
from tests.followups.conftest import plan_in


def test_generic_english_is_flagged_with_reasons_and_rewrites() -> None:
    out = check_text(
        "Dear customer, we value your feedback. Your request has been forwarded to the "
        "relevant department. Please do not reply to this email.",
        name="Sophie",
        fact="your delayed bag",
    )
    assert out.lang == "en" and out.generic
    assert [f.codes for f in out.flags] == [
        ["generic_greeting", "feedback_boilerplate"],
        ["passive_process"],
        ["no_reply"],
    ]
    assert out.flags[0].rewrite.startswith("Hello Sophie,")
    assert "your delayed bag" in out.flags[1].rewrite
    assert "just reply to this message" in out.flags[2].rewrite
    assert out.flags[2].reason_fr.startswith("demande au client de ne pas répondre")


def test_generic_french_is_flagged() -> None:
    out = check_text(
        "Madame, Monsieur, nous mettons tout en œuvre pour vous satisfaire. "
        "Votre satisfaction est notre priorité.",
        name="Camille",
    )
    assert out.lang == "fr"
    codes = [c for f in out.flags for c in f.codes]
    assert "generic_greeting" in codes and "corporate_commitment" in codes
    assert "priority_claim" in codes
    assert out.flags[0].rewrite.startswith("Bonjour Camille,")


def test_without_name_nor_fact_the_rewrite_leaves_blanks() -> None:
    out = check_text("Nous vous prions de bien vouloir nous excuser pour la gêne occasionnée.")
    assert [f.codes for f in out.flags] == [["no_name"], ["generic_apology"]]
    assert "[prénom]" in out.flags[1].rewrite and "[ce qui s'est passé]" in out.flags[1].rewrite


def test_personal_messages_are_left_alone() -> None:
    for text in (
        "Hello Sophie, how is life with your new wallet? Just reply to this e-mail.",
        "Bonjour Camille, votre trench est retouché : je le garde pour vous jusqu'à samedi.",
    ):
        out = check_text(text)
        assert not out.generic, out


def test_the_follow_up_templates_of_the_tests_speak_personally() -> None:
    plan = plan_in(journey_id=1, step_id=1)
    for body, lang in ((plan.body_en, "en"), (plan.body_fr, "fr")):
        filled = body.format(
            greeting="Hello Sophie," if lang == "en" else "Bonjour Sophie,",
            product="wallet",
            link="https://x.test/r/t",
        )
        assert check_text(filled, lang=lang).flags == []


def test_sentences_split_on_ends_and_lines() -> None:
    assert sentences("One. Two!\nThree? Four") == ["One.", "Two!", "Three?", "Four"]


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_any_text_is_checked_and_flags_name_its_own_sentences(text: str) -> None:
    out = check_text(text)
    assert out.sentences == len(sentences(text))
    for flag in out.flags:
        assert flag.sentence in sentences(text)
        assert flag.codes and flag.rewrite
    assert out.generic == bool(out.flags)
