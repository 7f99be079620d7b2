"""Personal data redaction: what must go, and the numbers of feedback that must stay."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcours.text.base import Doc
from parcours.text.normalise import Normaliser
from parcours.text.pii import PiiRedactor, iban_is_valid, luhn_is_valid, redact


@pytest.mark.parametrize(
    "number",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "0612345678",
        "+33 6 12 34 56 78",
        "+33 (0)1 42 68 53 00",
        "0033 6 12 34 56 78",
        "01 42 68 53 00",
    ],
)
def test_french_phone_formats(number: str) -> None:
    assert redact(f"Rappelez-moi au {number} svp") == ("Rappelez-moi au [PHONE] svp", ["phone"])


@pytest.mark.parametrize(
    "text",
    [
        "please call me at 1-800-864-8331 asap",
        "my number is (415) 555-2671",
        "ring me on 020 7946 0958 tomorrow",
        "Call me: +44 20 7946 0958",
        "+1 703 464 0200 is the hotel",
        "my phone 4155552671",
    ],
)
def test_international_phones(text: str) -> None:
    out, kinds = redact(text)
    assert kinds == ["phone"]
    assert "[PHONE]" in out
    assert not any(c.isdigit() for c in out.replace("[PHONE]", ""))


@pytest.mark.parametrize(
    "text",
    [
        "Flight AF1234 to CDG delayed 3 hours",
        "UA 1234 from SFO, gate B12, seat 23A",
        "Paid $1,234.56 for a 12,50 € sandwich",
        "Le 24/02/2015 à 14h30, puis le 2015-02-25",
        "booking ref ABC123 and confirmation FP9M6Y",
        "conf 4155552671 still not refunded",
        "waited 45 min, 100% bad, 2 bags lost, 1500 miles",
        "vol du 12.03.2015 annulé, 350 passagers",
        "J'ai payé 15000 Euros pour 20000 Miles",
    ],
)
def test_numbers_of_feedback_are_not_personal_data(text: str) -> None:
    assert redact(text) == (text, [])


def test_emails() -> None:
    out, kinds = redact("écrivez à jean.dupont+vol@example.co.uk ou à support@air-france.fr.")
    assert out == "écrivez à [EMAIL] ou à [EMAIL]."
    assert kinds == ["email"]


def test_iban_needs_a_valid_key() -> None:
    text = "Remboursez sur FR76 3000 6000 0112 3456 7890 189 merci"
    assert redact(text) == ("Remboursez sur [IBAN] merci", ["iban"])
    assert redact("GB82WEST12345698765432") == ("[IBAN]", ["iban"])
    wrong = "Remboursez sur FR76 3000 6000 0112 3456 7890 188 merci"
    assert "[IBAN]" not in redact(wrong)[0]


def test_cards_need_luhn() -> None:
    assert redact("carte 4970 1012 3456 7893 débitée") == ("carte [CARD] débitée", ["card"])
    assert redact("card 4111-1111-1111-1111") == ("card [CARD]", ["card"])
    assert redact("Amex 3782 822463 10005 ok") == ("Amex [CARD] ok", ["card"])
    assert redact("card 4111-1111-1111-1112")[1] != ["card"]


def test_french_addresses() -> None:
    out, kinds = redact("J'habite au 12 rue de la Paix, 75002 Paris et le service était nul.")
    assert out == "J'habite au [ADDRESS] et le service était nul."
    assert kinds == ["address"]
    assert redact("Livré au 3 bis avenue Jean Jaurès hier")[0] == "Livré au [ADDRESS] hier"
    assert redact("restaurant situé au 60 cours Jean Jaurès à Grenoble.")[0] == (
        "restaurant situé au [ADDRESS] à Grenoble."
    )
    assert redact("envoyez à 69003 Lyon")[0] == "envoyez à [ADDRESS]"


def test_english_addresses() -> None:
    out, _ = redact("I live at 221B Baker Street, London NW1 6XE.")
    assert out == "I live at [ADDRESS], London [ADDRESS]."
    assert redact("deliver to 123 Main St. Apt 4 please")[0] == "deliver to [ADDRESS] please"


def test_component_after_normaliser_lists_kinds() -> None:
    docs = [
        Doc(row=0, text="Mail: jo@example.com, tel 06 12 34 56 78 😡"),
        Doc(row=1, text="Vol AF1234 en retard de 2h"),
        Doc(row=2, text=""),
    ]
    out = PiiRedactor()(Normaliser()(docs))
    assert out[0].clean == "Mail: [EMAIL], tel [PHONE] 😡"
    assert out[0].pii == ["email", "phone"]
    assert out[0].text.startswith("Mail: jo@example.com")
    assert (out[1].clean, out[1].pii) == ("Vol AF1234 en retard de 2h", [])
    assert (out[2].clean, out[2].pii) == ("", [])
    assert out[0].to_json()["pii"] == ["email", "phone"]


def test_without_normaliser_the_text_is_redacted_into_clean() -> None:
    doc = PiiRedactor()([Doc(row=0, text="call 1-800-864-8331")])[0]
    assert doc.clean == "call [PHONE]"


def test_kinds_can_be_limited() -> None:
    doc = PiiRedactor(kinds=["email"])([Doc(row=0, text="jo@x.fr 06 12 34 56 78")])[0]
    assert doc.clean == "[EMAIL] 06 12 34 56 78"
    with pytest.raises(ValueError, match="unknown PII kinds"):
        PiiRedactor(kinds=["passport"])


def _luhn_digit(body: str) -> str:
    for d in "0123456789":
        if luhn_is_valid(body + d):
            return d
    raise AssertionError


@given(st.text(alphabet="0123456789", min_size=12, max_size=18))
def test_any_luhn_completed_number_is_a_card(body: str) -> None:
    number = body + _luhn_digit(body)
    assert luhn_is_valid(number)
    if number[0] != "0":
        grouped = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
        assert redact(f"ma carte {grouped}.") == ("ma carte [CARD].", ["card"])


@given(st.text(alphabet="0123456789", min_size=13, max_size=19))
def test_one_changed_digit_breaks_luhn(number: str) -> None:
    changed = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert not (luhn_is_valid(number) and luhn_is_valid(changed))


@given(st.from_regex(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", fullmatch=True))
def test_iban_check_rejects_swapped_key(candidate: str) -> None:
    swapped = candidate[:2] + candidate[3] + candidate[2] + candidate[4:]
    if candidate[2] != candidate[3]:
        assert not (iban_is_valid(candidate) and iban_is_valid(swapped))
