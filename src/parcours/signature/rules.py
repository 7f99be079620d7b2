"""The markers of generic brand talk (seed 001, "la signature relationnelle"), in French and
English, each with the reason shown to the agent and a personal rewrite of the sentence.

Written from the examples in the issue and the *dev* half of tests/data/signature/messages.csv
only; the held-out half is never read while changing these rules. A rewrite fills {name} (the
customer's name) and {fact} (the concrete thing: "your leather wallet", "case C-000012"); when
they are unknown the agent sees a [bracketed] blank to fill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    code: str
    lang: str
    pattern: re.Pattern[str]


def _r(code: str, lang: str, pattern: str) -> Rule:
    return Rule(code, lang, re.compile(pattern, re.IGNORECASE))


# Why each marker distances the customer, shown next to the flagged sentence.
REASONS: dict[str, dict[str, str]] = {
    "generic_greeting": {
        "en": "addresses nobody in particular: greet the customer by name",
        "fr": "ne s'adresse à personne en particulier : saluez le client par son nom",
    },
    "feedback_boilerplate": {
        "en": "says feedback matters without saying what was heard",
        "fr": "dit que l'avis compte sans dire ce qui a été entendu",
    },
    "priority_claim": {
        "en": "a brand claim about priorities, not a word about this customer",
        "fr": "une déclaration de la marque sur ses priorités, pas un mot sur ce client",
    },
    "generic_apology": {
        "en": "apologises for 'any inconvenience' instead of naming what went wrong",
        "fr": "s'excuse d'une « gêne » vague au lieu de nommer ce qui n'a pas été",
    },
    "corporate_commitment": {
        "en": "talks about the company's commitment instead of what was done for the customer",
        "fr": "parle de l'engagement de l'entreprise au lieu de ce qui a été fait pour le client",
    },
    "passive_process": {
        "en": "passive, procedural wording: nobody acts, nothing concrete is said",
        "fr": "tournure passive et administrative : personne n'agit, rien de concret n'est dit",
    },
    "no_reply": {
        "en": "tells the customer not to answer: every message must invite a reply",
        "fr": "demande au client de ne pas répondre : chaque message doit inviter à répondre",
    },
    "no_name": {
        "en": "the message never names the customer",
        "fr": "le message ne nomme jamais le client",
    },
}

# The rewrite of a flagged sentence: personal, active, concrete, and inviting a reply.
REWRITES: dict[str, dict[str, str]] = {
    "generic_greeting": {"en": "Hello {name},", "fr": "Bonjour {name},"},
    "feedback_boilerplate": {
        "en": "Thank you, {name}, for telling me about {fact}: here is what I am doing about it.",
        "fr": "Merci, {name}, de m'avoir parlé de {fact} : voici ce que je fais pour vous.",
    },
    "priority_claim": {
        "en": "{name}, I have looked at {fact} myself and here is what happens next.",
        "fr": "{name}, j'ai regardé {fact} moi-même, et voici la suite.",
    },
    "generic_apology": {
        "en": "I am sorry about {fact}, {name}; here is what I have done to put it right.",
        "fr": "Je suis désolé(e) pour {fact}, {name} ; voici ce que j'ai fait pour y remédier.",
    },
    "corporate_commitment": {
        "en": "For {fact}, {name}, I have done this for you: [what was done].",
        "fr": "Pour {fact}, {name}, voici ce que j'ai fait pour vous : [ce qui a été fait].",
    },
    "passive_process": {
        "en": "I have read your message about {fact}, {name}, and I will come back to you by "
        "[date].",
        "fr": "J'ai lu votre message sur {fact}, {name}, et je reviens vers vous d'ici [date].",
    },
    "no_reply": {
        "en": "If anything is still not right, {name}, just reply to this message: I read it.",
        "fr": "Si quelque chose ne va toujours pas, {name}, répondez simplement à ce message : "
        "je le lis.",
    },
    "no_name": {"en": "Hello {name}, {sentence}", "fr": "Bonjour {name}, {sentence}"},
}

BLANK_NAME = {"en": "[name]", "fr": "[prénom]"}
BLANK_FACT = {"en": "[what happened]", "fr": "[ce qui s'est passé]"}

RULES: tuple[Rule, ...] = (
    # English
    _r("generic_greeting", "en", r"\bdear\s+(valued\s+)?(customer|client|sir|madam|member)\b"),
    _r(
        "feedback_boilerplate",
        "en",
        r"\b(we|i)\s+value\s+your\s+(feedback|opinion)|\byour\s+(feedback|opinion)\s+"
        r"(is\s+(very\s+|really\s+)?important|matters)|\bthank\s+you\s+for\s+"
        r"(choosing|contacting)\s+(us|our)",
    ),
    _r(
        "priority_claim",
        "en",
        r"\bsatisfaction\s+is\s+(our|at\s+the\s+heart)|\b(top|number\s+one|first|highest)\s+"
        r"priority\b|\bat\s+the\s+heart\s+of\s+everything",
    ),
    _r(
        "generic_apology",
        "en",
        r"\b(apologi[sz]e|sorry|regret)\b[^.]*\binconvenience|\binconvenience\s+(this|caused|it)",
    ),
    _r(
        "corporate_commitment",
        "en",
        r"\bwe\s+(are\s+committed|are\s+dedicated|strive|pride\s+ourselves)\b|"
        r"\b(highest|best)\s+level\s+of\s+service|\bexceed\s+(our\s+)?customers'?\s+expectations",
    ),
    _r(
        "passive_process",
        "en",
        r"\b(has|have)\s+been\s+(received|forwarded|processed|reviewed|transmitted|escalated|"
        r"closed|registered|logged)\b|\bwill\s+be\s+(processed|handled|reviewed|dealt\s+with)\b|"
        r"\bregret\s+to\s+inform",
    ),
    _r(
        "no_reply",
        "en",
        r"\b(do\s+not|don't|please\s+do\s+not)\s+reply|\bautomated\s+message|\bnot\s+monitored|"
        r"\bno-?reply\b",
    ),
    # French
    _r(
        "generic_greeting",
        "fr",
        r"^\s*madame,?\s+monsieur|\bch(er|ère)\s+(client|cliente|abonné|membre)\b|"
        r"\bmadame,\s*monsieur\b",
    ),
    _r(
        "feedback_boilerplate",
        "fr",
        r"\bvotre\s+avis\s+(compte|nous\s+(est|importe))|\bnous\s+vous\s+remercions\s+de\s+"
        r"votre\s+(confiance|fidélité|message)|\bnous\s+restons\s+à\s+votre\s+(entière\s+)?"
        r"disposition",
    ),
    _r(
        "priority_claim",
        "fr",
        r"\bvotre\s+satisfaction\s+est\s+notre|\bnotre\s+priorité\b|\bau\s+c(œ|oe)ur\s+de\s+"
        r"(nos|notre)",
    ),
    _r(
        "generic_apology",
        "fr",
        r"\bg(ê|e)ne\s+occasionnée|\bdésagréments?\b|\bveuillez\s+nous\s+excuser|"
        r"\bnous\s+vous\s+prions\s+de\s+bien\s+vouloir\s+nous\s+excuser",
    ),
    _r(
        "corporate_commitment",
        "fr",
        r"\bnous\s+mettons\s+tout\s+en\s+(œ|oe)uvre|\bnous\s+nous\s+engageons|"
        r"\bexpérience\s+client\s+d'exception|\bqualité\s+de\s+service\s+est",
    ),
    _r(
        "passive_process",
        "fr",
        r"\b(a|ont)\s+(bien\s+)?été\s+(pris|prise|reçu|reçue|transmis|transmise|traité|traitée|"
        r"enregistré|enregistrée)|\bsera\s+(traitée?|étudiée?|examinée?)|\bnous\s+accusons\s+"
        r"réception|\bdans\s+les\s+(meilleurs|plus\s+brefs)\s+délais|\bservice\s+concerné",
    ),
    _r(
        "no_reply",
        "fr",
        r"\bmessage\s+automatique|\bne\s+pas\s+(y\s+)?répondre|\bne\s+répondez\s+pas|"
        r"\bpas\s+consultée",
    ),
)

# A greeting that names someone: "Hello Sophie," / "Bonjour Camille" / "Anna, ..." at the start.
_TITLE_WORDS = {
    "madame", "monsieur", "sir", "madam", "customer", "client", "cliente", "dear", "cher",
    "chère", "hello", "hi", "bonjour", "bonsoir", "good", "thank", "thanks", "merci", "votre",
    "your", "our", "nous", "we", "this", "ceci", "please", "toute", "all",
}  # fmt: skip
_GREETING = re.compile(
    r"^\s*(?:(?:hello|hi|hey|dear|good\s+(?:morning|afternoon|evening)|bonjour|bonsoir|"
    r"cher|chère|salut)\s+)?(?P<name>[A-ZÀ-Ý][\w'-]+)\s*[,!]",
    re.IGNORECASE,
)


def names_someone(text: str) -> bool:
    """True when the message opens on a person's name (not "Madame," nor "Dear customer,")."""
    found = _GREETING.match(text)
    if found is None:
        return False
    name = found.group("name")
    return name[0].isupper() and name.casefold() not in _TITLE_WORDS
