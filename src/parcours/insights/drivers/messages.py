"""French and English words of the key-driver analysis, and the errors a user can fix."""

from __future__ import annotations

from parcours.errors import BilingualError
from parcours.i18n import add_messages

MESSAGES: dict[str, dict[str, str]] = {
    "drivers_title": {
        "fr": "Leviers de « {target} » ({source})",
        "en": "Key drivers of “{target}” ({source})",
    },
    "drivers_headline": {
        "fr": "{label} explique {share:.0f} % de la variance expliquée de « {target} » "
        "(IC à 95 % : {low:.0f}-{high:.0f} %).",
        "en": "{label} explains {share:.0f}% of the explained variance of “{target}” "
        "(95% CI {low:.0f}-{high:.0f}%).",
    },
    "drivers_total": {
        "fr": "Ensemble, les {p} leviers expliquent R² = {r2} (IC à 95 % : {low}-{high}) de la "
        "variance de « {target} ».",
        "en": "Together the {p} drivers explain R² = {r2} (95% CI {low}-{high}) of the variance "
        "of “{target}”.",
    },
    "drivers_sample": {
        "fr": "n = {n} réponses complètes sur {rows} ; {dropped} écartées car une note y manque "
        "(cas complets).",
        "en": "n = {n} complete answers out of {rows}; {dropped} set aside for a missing score "
        "(complete cases).",
    },
    "drivers_method_ols": {
        "fr": "Méthode : régression de Shapley (décomposition LMG exacte du R² d'une régression "
        "linéaire sur les {subsets} sous-ensembles de leviers), {resamples} rééchantillonnages "
        "bootstrap (graine {seed}), intervalles percentiles à 95 %.",
        "en": "Method: Shapley value regression (exact LMG decomposition of the R² of a linear "
        "regression over the {subsets} subsets of drivers), {resamples} bootstrap resamples "
        "(seed {seed}), 95% percentile intervals.",
    },
    "drivers_method_lpm": {
        "fr": "Méthode : régression de Shapley sur un modèle linéaire de probabilité (MCO sur "
        "l'issue 0/1 ; décomposition LMG exacte de son R² sur les {subsets} sous-ensembles), "
        "{resamples} rééchantillonnages bootstrap (graine {seed}), intervalles percentiles à 95 %.",
        "en": "Method: Shapley value regression on a linear probability model (OLS on the 0/1 "
        "outcome; exact LMG decomposition of its R² over the {subsets} subsets), {resamples} "
        "bootstrap resamples (seed {seed}), 95% percentile intervals.",
    },
    "drivers_excluded": {
        "fr": "Écarté : {label} ({missing:.0f} % de réponses manquantes).",
        "en": "Left out: {label} ({missing:.0f}% of answers missing).",
    },
    "drivers_headers": {
        "fr": "rang|levier|part du R² (%)|IC 95 %|R²|1er dans les rééchantillons",
        "en": "rank|driver|share of R² (%)|95% CI|R²|first in resamples",
    },
    "drivers_chart_title": {
        "fr": "Part de la variance expliquée de « {target} » par levier (IC à 95 %)",
        "en": "Share of the explained variance of “{target}” by driver (95% CI)",
    },
    "drivers_rank1": {
        "fr": "{label} arrive en tête dans {rate:.0f} % des rééchantillons.",
        "en": "{label} ranks first in {rate:.0f}% of the resamples.",
    },
}
add_messages(MESSAGES)


class InsightError(BilingualError, ValueError):
    """A question the data cannot answer as asked; also a ValueError, so the CLI's one-line
    error handling reports it in the reader's language."""


class TooFewAnswersError(InsightError):
    """Too few complete answers for a stable decomposition: never an empty result."""

    def __init__(self, *, n: int, predictors: int, needed: int, source: str) -> None:
        super().__init__(
            en=f"{source}: {n} complete answers for {predictors} drivers; the analysis needs at "
            f"least {needed} (30, and 10 per driver).",
            fr=f"{source} : {n} réponses complètes pour {predictors} leviers ; l'analyse en "
            f"demande au moins {needed} (30, et 10 par levier).",
        )
        self.n = n
        self.needed = needed


class NoVarianceError(InsightError):
    def __init__(self, *, what: str, source: str) -> None:
        super().__init__(
            en=f"{source}: every answer gives the same {what}; there is nothing to explain.",
            fr=f"{source} : toutes les réponses donnent la même valeur de {what} ; "
            "il n'y a rien à expliquer.",
        )


class NoOverallQuestionError(InsightError):
    def __init__(self, *, journey: str, question: str | None = None) -> None:
        if question is not None:
            super().__init__(
                en=f"journey {journey!r}: no survey asks question {question!r}.",
                fr=f"parcours {journey!r} : aucune enquête ne pose la question {question!r}.",
            )
            return
        super().__init__(
            en=f"journey {journey!r} has no overall question: add a survey for the whole journey "
            "(no step) asking an NPS or an overall rating, or name the question (--overall).",
            fr=f"le parcours {journey!r} n'a pas de question globale : ajoutez une enquête sur "
            "tout le parcours (sans étape) avec un NPS ou une note globale, ou nommez la "
            "question (--overall).",
        )


class AmbiguousQuestionError(InsightError):
    def __init__(self, *, journey: str, question: str, surveys: list[str]) -> None:
        names = ", ".join(surveys) or "none"
        super().__init__(
            en=f"journey {journey!r}: question {question!r} is asked by {len(surveys)} surveys "
            f"({names}); the overall outcome must be one question of one survey.",
            fr=f"parcours {journey!r} : la question {question!r} figure dans {len(surveys)} "
            f"enquêtes ({names}) ; l'issue globale doit être une question d'une seule enquête.",
        )


class NoJourneyDataError(InsightError):
    def __init__(self, *, journey: str, question: str) -> None:
        super().__init__(
            en=f"journey {journey!r}: no customer answered both {question!r} and a step.",
            fr=f"parcours {journey!r} : aucun client n'a répondu à la fois à {question!r} et à "
            "une étape.",
        )
