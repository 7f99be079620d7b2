"""Normalisation and sentence splitting on real customer texts in French and English."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from parcours.text.base import Doc
from parcours.text.normalise import Normaliser, SentenceSplitter, split_sentences


def clean(text: str, **options: object) -> str:
    return Normaliser(**options).clean(text)  # type: ignore[arg-type]


def test_tweet_handles_links_and_hashtags() -> None:
    text = "@united lost my bag AGAIN!!!!! #NeverAgain http://t.co/1yWXRfn0Gr"
    assert clean(text) == "@user lost my bag AGAIN!! Never Again [URL]"
    assert clean(text, mentions="keep").startswith("@united lost")
    assert clean(text, mentions="drop").startswith("lost my bag")


def test_email_is_not_taken_for_a_handle() -> None:
    assert clean("écrivez à jean.dupont@example.fr svp") == "écrivez à jean.dupont@example.fr svp"


def test_html_entities_and_tags_out_hearts_kept() -> None:
    text = "<p>Service <b>top</b>&nbsp;!</p> &amp; cuisine &eacute;l&eacute;gante &lt;3"
    assert clean(text) == "Service top ! & cuisine élégante <3"


def test_squeezes_shouting_but_not_numbers_or_words() -> None:
    assert clean("Sooooo gooood ?!?!?! waited 1000 min....") == "Soo good ?! waited 1000 min..."
    assert clean("C'était trop bien!!!") == "C'était trop bien!!"
    # Legitimate double letters stay.
    assert (
        clean("Appelle le responsable, c'est succulent")
        == "Appelle le responsable, c'est succulent"
    )


def test_unicode_nfc_apostrophes_and_whitespace() -> None:
    decomposed = "Cafe\u0301 tre\u0300s   bon,\u00a0l\u2019accueil\t\tsympa"
    assert clean(decomposed) == "Café très bon, l'accueil sympa"
    assert clean("  first line \r\n\r\n  second line  ") == "first line\nsecond line"


def test_emoji_kept() -> None:
    assert clean("Great crew 😍👍 but food 🤢") == "Great crew 😍👍 but food 🤢"


def test_empty_and_very_long_texts() -> None:
    assert clean("") == ""
    assert clean("   \n\t ") == ""
    long = "Le service était lent et le repas froid. " * 500  # 20,500 characters
    out = clean(long)
    assert 4_900 < len(out) <= 5_000
    assert out.endswith(("lent", "et", "le", "repas", "froid.", "service", "était", "Le"))
    assert len(clean(long, max_chars=100)) <= 100


def test_component_fills_clean_and_keeps_text() -> None:
    docs = [Doc(row=0, text="<i>Vol   annulé</i>!!!!"), Doc(row=1, text="")]
    out = Normaliser()(docs)
    assert [d.clean for d in out] == ["Vol annulé!!", ""]
    assert out[0].text == "<i>Vol   annulé</i>!!!!"


def test_french_abbreviations_decimals_and_ellipses() -> None:
    text = (
        "M. Dupont et Mme Martin nous ont reçus. Le Dr. Roux a payé 3.5 € le café... "
        "c'était cher. Entrées, plats, desserts, etc. Le service était top !"
    )
    assert split_sentences(text) == [
        "M. Dupont et Mme Martin nous ont reçus.",
        "Le Dr. Roux a payé 3.5 € le café... c'était cher.",
        "Entrées, plats, desserts, etc.",
        "Le service était top !",
    ]


def test_english_abbreviations_and_questions() -> None:
    text = "Mr. Smith waited 2.5 hrs at gate B12, e.g. no info. Why? Ask Dr. Jones... Never again!"
    assert split_sentences(text) == [
        "Mr. Smith waited 2.5 hrs at gate B12, e.g. no info.",
        "Why?",
        "Ask Dr. Jones...",
        "Never again!",
    ]


def test_emoji_and_line_ends_close_sentences() -> None:
    text = "Super accueil 😍 Le repas était froid\nJamais plus 😡"
    assert split_sentences(text) == ["Super accueil 😍", "Le repas était froid", "Jamais plus 😡"]


def test_splitter_component_on_empty_and_unpunctuated() -> None:
    docs = [Doc(row=0, text="", clean=""), Doc(row=1, text="x", clean="thanks for nothing")]
    out = SentenceSplitter()(docs)
    assert out[0].sentences == []
    assert out[1].sentences == ["thanks for nothing"]


@given(st.text(max_size=300))
def test_sentences_cover_the_text(text: str) -> None:
    cleaned = clean(text)
    sentences = split_sentences(cleaned)
    assert all(s and s == s.strip() for s in sentences)
    # Nothing but whitespace is lost or added between sentences.
    assert "".join("".join(s.split()) for s in sentences) == "".join(cleaned.split())


@given(st.text(max_size=500), st.integers(min_value=1, max_value=200))
def test_clean_is_bounded_and_stable(text: str, max_chars: int) -> None:
    out = clean(text, max_chars=max_chars)
    assert len(out) <= max_chars
    assert out == out.strip()
    assert "  " not in out
