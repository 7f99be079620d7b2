"""French and English words of the Kano analysis, and the errors a user can fix."""

from __future__ import annotations

from parcours.i18n import add_messages
from parcours.insights.drivers.messages import InsightError

MESSAGES: dict[str, dict[str, str]] = {
    "kano_category_A": {"fr": "attractif", "en": "attractive"},
    "kano_category_O": {"fr": "proportionnel", "en": "one-dimensional"},
    "kano_category_M": {"fr": "obligatoire", "en": "must-be"},
    "kano_category_I": {"fr": "indifférent", "en": "indifferent"},
    "kano_category_R": {"fr": "inversé", "en": "reverse"},
    "kano_category_Q": {"fr": "douteux", "en": "questionable"},
    "kano_answer_1": {"fr": "Cela me plaît", "en": "I like it that way"},
    "kano_answer_2": {"fr": "Cela va de soi", "en": "It must be that way"},
    "kano_answer_3": {"fr": "Cela m'est égal", "en": "I am neutral"},
    "kano_answer_4": {"fr": "Je peux m'en accommoder", "en": "I can live with it that way"},
    "kano_answer_5": {"fr": "Cela me déplaît", "en": "I dislike it that way"},
    "kano_question": {
        "fr": "Si {condition}, que ressentez-vous ?",
        "en": "If {condition}, how do you feel?",
    },
    "kano_title": {
        "fr": "Kano : {elements} éléments, {respondents} répondants ({source})",
        "en": "Kano: {elements} elements, {respondents} respondents ({source})",
    },
    "kano_headers": {
        "fr": "élément|catégorie|A|O|M|I|R|Q|CS+|CS-|n",
        "en": "element|category|A|O|M|I|R|Q|CS+|CS-|n",
    },
    "kano_element": {
        "fr": "{element} : {category} ({share:.0f} % des {n} réponses{tie}), CS+ = {plus}, "
        "CS- = {minus}.",
        "en": "{element}: {category} ({share:.0f}% of {n} answers{tie}), CS+ = {plus}, "
        "CS- = {minus}.",
    },
    "kano_tie": {
        "fr": " ; égalité tranchée par la règle M > O > A > I",
        "en": "; tie broken by the M > O > A > I rule",
    },
    "kano_not_significant": {
        "fr": " ; écart avec la 2e catégorie non significatif (test de Fong)",
        "en": "; not told apart from the runner-up (Fong's test)",
    },
    "kano_irritants": {
        "fr": "Irritants (obligatoires, |CS-| ≥ {threshold}) : {names}.",
        "en": "Irritants (must-be, |CS-| ≥ {threshold}): {names}.",
    },
    "kano_enchantments": {
        "fr": "Occasions d'enchantement (attractifs, CS+ ≥ {threshold}) : {names}.",
        "en": "Enchantment opportunities (attractive, CS+ ≥ {threshold}): {names}.",
    },
    "kano_none": {"fr": "aucun", "en": "none"},
    "kano_method": {
        "fr": "Méthode : table d'évaluation de Kano et al. (1984), catégorie la plus fréquente "
        "(égalité : M > O > A > I > R > Q), coefficients de Berger et al. (1993) "
        "CS+ = (A+O)/(A+O+M+I) et CS- = -(O+M)/(A+O+M+I), R et Q hors dénominateur.",
        "en": "Method: evaluation table of Kano et al. (1984), most frequent category (ties: "
        "M > O > A > I > R > Q), Berger et al. (1993) coefficients CS+ = (A+O)/(A+O+M+I) and "
        "CS- = -(O+M)/(A+O+M+I), R and Q left out of the denominator.",
    },
    "kano_chart_title": {
        "fr": "Diagramme de Kano : satisfaction ajoutée (CS+) et insatisfaction évitée (|CS-|)",
        "en": "Kano chart: satisfaction added (CS+) and dissatisfaction avoided (|CS-|)",
    },
    "kano_axis_x": {
        "fr": "|CS-| : insatisfaction en cas d'absence",
        "en": "|CS-|: dissatisfaction when absent",
    },
    "kano_axis_y": {"fr": "CS+ : satisfaction si présent", "en": "CS+: satisfaction when present"},
}
add_messages(MESSAGES)


class MissingAnswerError(InsightError):
    def __init__(self, *, element: str, respondent: str, which: str) -> None:
        fr_which = "fonctionnelle" if which == "functional" else "dysfonctionnelle"
        super().__init__(
            en=f"element {element!r}, respondent {respondent!r}: the {which} answer is missing; "
            "a Kano pair needs both answers.",
            fr=f"élément {element!r}, répondant {respondent!r} : la réponse {fr_which} manque ; "
            "une paire de Kano demande les deux réponses.",
        )
        self.element = element
        self.respondent = respondent


class InvalidAnswerError(InsightError):
    def __init__(self, *, element: str, respondent: str, value: str) -> None:
        super().__init__(
            en=f"element {element!r}, respondent {respondent!r}: {value!r} is not a Kano answer "
            "(1-5, or like / must-be / neutral / live-with / dislike).",
            fr=f"élément {element!r}, répondant {respondent!r} : {value!r} n'est pas une réponse "
            "de Kano (1-5, ou like / must-be / neutral / live-with / dislike).",
        )


class DuplicatePairError(InsightError):
    def __init__(self, *, element: str, respondent: str) -> None:
        super().__init__(
            en=f"element {element!r}, respondent {respondent!r}: answered twice.",
            fr=f"élément {element!r}, répondant {respondent!r} : deux réponses.",
        )


class NoKanoAnswersError(InsightError):
    def __init__(self, *, source: str) -> None:
        super().__init__(
            en=f"{source}: no Kano answer pairs.",
            fr=f"{source} : aucune paire de réponses de Kano.",
        )


class KanoFileError(InsightError):
    def __init__(self, *, path: str, missing: list[str]) -> None:
        names = ", ".join(missing)
        super().__init__(
            en=f"{path}: missing column(s) {names} (expected respondent, element, functional, "
            "dysfunctional).",
            fr=f"{path} : colonne(s) manquante(s) {names} (attendu : respondent, element, "
            "functional, dysfunctional).",
        )


class KanoSurveyError(InsightError):
    def __init__(self, *, survey: str, en: str, fr: str) -> None:
        super().__init__(en=f"survey {survey!r}: {en}", fr=f"enquête {survey!r} : {fr}")
