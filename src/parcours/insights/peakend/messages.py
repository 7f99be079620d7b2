"""French and English words of the peak-end analysis, and the errors a user can fix."""

from __future__ import annotations

from parcours.i18n import add_messages
from parcours.insights.drivers.messages import InsightError

MESSAGES: dict[str, dict[str, str]] = {
    "peakend_model_peak_end": {
        "fr": "pic-fin (pire étape + dernière étape)",
        "en": "peak-end (worst step + last step)",
    },
    "peakend_model_extremes": {
        "fr": "extrêmes (pire aspect + meilleur aspect)",
        "en": "extremes (worst aspect + best aspect)",
    },
    "peakend_model_mean": {
        "fr": "moyenne des étapes pondérée par leur durée",
        "en": "duration-weighted mean of the steps",
    },
    "peakend_model_mean_aspects": {
        "fr": "moyenne des aspects notés",
        "en": "mean of the rated aspects",
    },
    "peakend_title": {
        "fr": "Pic-fin ou moyenne : qu'est-ce qui explique la note globale ? ({source})",
        "en": "Peak-end or mean: what explains the overall rating? ({source})",
    },
    "peakend_headers": {
        "fr": "modèle|R²|R² ajusté|AIC|BIC|R² validé croisé",
        "en": "model|R²|adjusted R²|AIC|BIC|cross-validated R²",
    },
    "peakend_fit": {
        "fr": "{model} : R² = {r2}, R² ajusté = {adj}, AIC = {aic}, BIC = {bic}, "
        "R² validé croisé = {cv}.",
        "en": "{model}: R² = {r2}, adjusted R² = {adj}, AIC = {aic}, BIC = {bic}, "
        "cross-validated R² = {cv}.",
    },
    "peakend_winner": {
        "fr": "Le modèle « {model} » explique mieux la note globale : R² validé croisé "
        "supérieur de {diff} (IC à 95 % : {low} à {high}).",
        "en": "The “{model}” model explains the overall rating better: cross-validated R² higher "
        "by {diff} (95% CI {low} to {high}).",
    },
    "peakend_undecided": {
        "fr": "Aucun des deux modèles ne l'emporte nettement : écart de R² validé croisé {diff} "
        "(IC à 95 % : {low} à {high}, qui contient 0).",
        "en": "Neither model clearly wins: difference in cross-validated R² {diff} "
        "(95% CI {low} to {high}, which holds 0).",
    },
    "peakend_sample": {
        "fr": "n = {n} clients avec une note globale et au moins deux étapes notées (sur {rows}) ;"
        " {steps} étapes.",
        "en": "n = {n} customers with an overall rating and at least two rated steps (out of "
        "{rows}); {steps} steps.",
    },
    "peakend_sample_reviews": {
        "fr": "n = {n} avis avec une note globale et au moins deux aspects notés (sur {rows}) ; "
        "{steps} aspects.",
        "en": "n = {n} reviews with an overall rating and at least two rated aspects (out of "
        "{rows}); {steps} aspects.",
    },
    "peakend_method": {
        "fr": "Méthode : deux régressions linéaires (MCO) sur les mêmes répondants ; R² validé "
        "croisé sur {folds} blocs (graine {seed}) ; intervalle de l'écart par bootstrap apparié "
        "des répondants sur les erreurs hors bloc ({resamples} rééchantillonnages, percentiles).",
        "en": "Method: two linear regressions (OLS) on the same respondents; cross-validated R² "
        "over {folds} folds (seed {seed}); interval of the difference by a paired bootstrap of "
        "respondents over the out-of-fold errors ({resamples} resamples, percentiles).",
    },
    "peakend_planted": {
        "fr": "Règle plantée dans la simulation : {model} ; retrouvée : {found}.",
        "en": "Rule planted in the simulation: {model}; recovered: {found}.",
    },
    "peakend_fallback": {
        "fr": "Le magasin n'a pas de données par client sur plusieurs étapes ({reason}) : "
        "analyse des voyages de démonstration simulés.",
        "en": "The store has no multi-step per-customer data ({reason}): analysing the simulated "
        "demo trips instead.",
    },
    "peakend_chart_title": {
        "fr": "Note globale observée et prédite hors bloc par chaque modèle",
        "en": "Observed and out-of-fold predicted overall rating, model by model",
    },
    "peakend_observed": {"fr": "note observée", "en": "observed rating"},
    "peakend_predicted": {"fr": "note prédite", "en": "predicted rating"},
}
add_messages(MESSAGES)


class TooFewTripsError(InsightError):
    def __init__(self, *, n: int, needed: int, source: str) -> None:
        super().__init__(
            en=f"{source}: {n} customers with an overall rating and two or more rated steps; "
            f"the comparison needs at least {needed}.",
            fr=f"{source} : {n} clients avec une note globale et au moins deux étapes notées ; "
            f"la comparaison en demande au moins {needed}.",
        )
        self.n = n
