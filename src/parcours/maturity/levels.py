"""The customer-experience pyramid of seed 003 (Gartner's, as told by G. Pouy), bottom up,
and the questionnaire: a few statements per level, answered on a 1-5 agreement scale.

A statement may name the evidence that can support or contradict it, with the target the
evidence must meet for the statement to hold (see `evidence.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

SCALE_LOW = 1
SCALE_HIGH = 5
# Answers at or above AGREE claim the statement; at or below DISAGREE deny it.
AGREE = 4
DISAGREE = 2
# A level is reached when its score, and those of every level below, reach this.
REACHED_SCORE = 60.0


class Level(StrEnum):
    INFORM = "inform"
    SOLVE_ON_REQUEST = "solve_on_request"
    NEEDS_ON_REQUEST = "needs_on_request"
    GIVE_UNASKED = "give_unasked"
    ANTICIPATE = "anticipate"
    EMPOWER = "empower"


LEVEL_LABELS: dict[Level, dict[str, str]] = {
    Level.INFORM: {
        "fr": "Me donner les informations que je peux utiliser",
        "en": "Give me information I can use",
    },
    Level.SOLVE_ON_REQUEST: {
        "fr": "Résoudre mon problème lorsque je demande",
        "en": "Solve my problem when I ask",
    },
    Level.NEEDS_ON_REQUEST: {
        "fr": "Répondre à mes besoins lorsque je le demande",
        "en": "Meet my needs when I ask",
    },
    Level.GIVE_UNASKED: {
        "fr": "Me donner ce dont j'ai besoin sans que je le demande",
        "en": "Give me what I need without my asking",
    },
    Level.ANTICIPATE: {
        "fr": "Anticiper ce dont j'ai besoin, sans même que je le sache",
        "en": "Anticipate what I need, before I know it",
    },
    Level.EMPOWER: {
        "fr": "Me rendre plus fort, plus puissant",
        "en": "Make me stronger, more capable",
    },
}


class Target(StrEnum):
    AT_LEAST = "at_least"  # the evidence's value must be >= the threshold
    AT_MOST = "at_most"


@dataclass(frozen=True)
class Statement:
    code: str
    level: Level
    fr: str
    en: str
    evidence: str | None = None  # the code of the evidence that tests the claim
    target: Target = Target.AT_LEAST
    threshold: float = 0.0

    def text(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "inform_surveys", Level.INFORM,
        "Chaque étape de nos parcours recueille l'avis des clients.",
        "Every step of our journeys collects customers' feedback.",
        evidence="surveyed_steps", threshold=0.8,
    ),
    Statement(
        "inform_selfhelp", Level.INFORM,
        "Les clients trouvent seuls les instructions pour les problèmes courants.",
        "Customers find the instructions for common problems on their own.",
    ),
    Statement(
        "inform_reply", Level.INFORM,
        "Chaque message que nous envoyons invite à répondre (pas de « ne pas répondre »).",
        "Every message we send invites a reply (no 'do not reply').",
    ),
    Statement(
        "solve_sla", Level.SOLVE_ON_REQUEST,
        "Nous résolvons les réclamations dans les délais promis.",
        "We solve complaints within the promised time (SLA).",
        evidence="cases_within_sla", threshold=0.8,
    ),
    Statement(
        "solve_fast", Level.SOLVE_ON_REQUEST,
        "Un dossier est clos en moins de deux jours.",
        "A case is closed within two days.",
        evidence="case_close_median_hours", target=Target.AT_MOST, threshold=48.0,
    ),
    Statement(
        "solve_listen", Level.SOLVE_ON_REQUEST,
        "Nous lisons et analysons tout ce que les clients écrivent.",
        "We read and analyse everything customers write.",
        evidence="verbatims_analysed", threshold=0.8,
    ),
    Statement(
        "needs_callback", Level.NEEDS_ON_REQUEST,
        "Nous rappelons chaque client détracteur.",
        "We call back every detractor.",
        evidence="detractors_called_back", threshold=0.8,
    ),
    Statement(
        "needs_gestures", Level.NEEDS_ON_REQUEST,
        "Nos conseillers accordent un geste commercial sans en référer à leur hiérarchie.",
        "Our front-line staff grant a commercial gesture without asking their hierarchy.",
        evidence="gestures_granted", threshold=1.0,
    ),
    Statement(
        "needs_partners", Level.NEEDS_ON_REQUEST,
        "Nos partenaires partagent avec nous l'avis de nos clients communs.",
        "Our partners share our common customers' feedback with us.",
        evidence="partners_sharing", threshold=0.5,
    ),
    Statement(
        "unasked_events", Level.GIVE_UNASKED,
        "Un incident (retard, panne) déclenche une compensation avant toute réclamation.",
        "An incident (delay, outage) triggers compensation before anyone complains.",
        evidence="proactive_rules", threshold=1.0,
    ),
    Statement(
        "unasked_churn", Level.GIVE_UNASKED,
        "Nous contactons les clients prêts à partir avant qu'ils ne partent.",
        "We contact customers at risk of leaving before they leave.",
        evidence="churn_rules", threshold=1.0,
    ),
    Statement(
        "unasked_followup", Level.GIVE_UNASKED,
        "Après un achat, nous demandons au client comment cela se passe.",
        "After a purchase, we ask customers how life with it is going.",
    ),
    Statement(
        "anticipate_data", Level.ANTICIPATE,
        "Nous croisons données internes et externes pour prévoir les besoins.",
        "We combine internal and external data to foresee needs.",
    ),
    Statement(
        "anticipate_reco", Level.ANTICIPATE,
        "Nous recommandons ce qui convient à chacun, fût-ce chez un concurrent.",
        "We recommend what suits each customer, even a competitor's product.",
    ),
    Statement(
        "anticipate_design", Level.ANTICIPATE,
        "Nous repensons nos parcours à partir des besoins, pas des réclamations.",
        "We redesign our journeys from needs, not from complaints.",
    ),
    Statement(
        "empower_capable", Level.EMPOWER,
        "Notre offre rend nos clients plus capables qu'avant.",
        "Our offer makes our customers more capable than before.",
    ),
    Statement(
        "empower_community", Level.EMPOWER,
        "Nos clients créent de la valeur les uns pour les autres grâce à nous.",
        "Our customers create value for one another through us.",
    ),
    Statement(
        "empower_culture", Level.EMPOWER,
        "Chaque employé décide dans l'intérêt du client plutôt que pour réduire un coût.",
        "Every employee decides in the customer's interest rather than to cut a cost.",
    ),
)  # fmt: skip

BY_CODE: dict[str, Statement] = {s.code: s for s in STATEMENTS}
LEVELS: tuple[Level, ...] = tuple(Level)


def statements_of(level: Level) -> list[Statement]:
    return [s for s in STATEMENTS if s.level is level]
