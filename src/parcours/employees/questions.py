"""What a pulse asks, in French and English, and when each key moment's pulse goes out.

Every pulse asks the same eNPS question and the same four agreement items (1 = strongly
disagree, 5 = strongly agree), so that moments can be compared; only the opening line
changes with the moment. eNPS = % promoters (9-10) minus % detractors (0-6).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class MomentKind(StrEnum):
    ONBOARDING = "onboarding"
    TRAINING = "training"
    PROMOTION = "promotion"
    HARD_CASE = "hard_case"
    CHECKIN = "checkin"


# Days between the moment and its pulse: long enough to have lived it, short enough to recall.
PULSE_DELAY_DAYS: dict[MomentKind, int] = {
    MomentKind.ONBOARDING: 30,
    MomentKind.TRAINING: 7,
    MomentKind.PROMOTION: 30,
    MomentKind.HARD_CASE: 1,
    MomentKind.CHECKIN: 0,
}
PULSE_VALID_DAYS = 21

ENPS_QUESTION = {
    "fr": "Sur une échelle de 0 à 10, recommanderiez-vous notre entreprise comme employeur "
    "à un proche ?",
    "en": "On a scale of 0 to 10, how likely are you to recommend our company as a place to "
    "work to a friend?",
}

ITEMS: dict[str, dict[str, str]] = {
    "recognition": {
        "fr": "Je me sens reconnu·e pour mon travail.",
        "en": "I feel recognised for my work.",
    },
    "tools": {
        "fr": "J'ai les outils et l'information pour bien servir nos clients.",
        "en": "I have the tools and information to serve our customers well.",
    },
    "support": {
        "fr": "Je peux compter sur mon équipe quand une situation devient difficile.",
        "en": "I can count on my team when a situation gets hard.",
    },
    "voice": {
        "fr": "Mes idées pour améliorer l'expérience client sont écoutées.",
        "en": "My ideas to improve the customer experience are heard.",
    },
}

INTROS: dict[MomentKind, dict[str, str]] = {
    MomentKind.ONBOARDING: {
        "fr": "Vous nous avez rejoints il y a un mois : comment se passent vos débuts ?",
        "en": "You joined us a month ago: how are your first weeks going?",
    },
    MomentKind.TRAINING: {
        "fr": "Vous venez de suivre une formation : vous sentez-vous mieux équipé·e ?",
        "en": "You have just been trained: do you feel better equipped?",
    },
    MomentKind.PROMOTION: {
        "fr": "Un mois après votre nouveau poste, où en êtes-vous ?",
        "en": "A month into your new role, how are you doing?",
    },
    MomentKind.HARD_CASE: {
        "fr": "Vous avez traité un dossier client difficile : comment l'avez-vous vécu ?",
        "en": "You handled a hard customer case: how did you experience it?",
    },
    MomentKind.CHECKIN: {
        "fr": "Votre point mensuel : deux minutes, anonymes.",
        "en": "Your monthly check-in: two minutes, anonymous.",
    },
}


def tenure_band(hired_on: date, on: date) -> str:
    """The coarse tenure band (under 1 year, 1-3 years, 3 years and more) at a date."""
    years = (on - hired_on).days / 365.25
    if years < 1:
        return "lt1"
    if years < 3:
        return "1to3"
    return "3plus"


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"
