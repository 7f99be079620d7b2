"""The words of churn in French and English: reasons, CLI lines, charts and the summary."""

from __future__ import annotations

from parcours.i18n import add_messages

MESSAGES: dict[str, dict[str, str]] = {
    # --- reasons: one phrase per group and value, and how its weight is said ---------------------
    "churn.points": {
        "fr": "{text} ({points:+.0f} points de risque)",
        "en": "{text} ({points:+.0f} points of risk)",
    },
    "churn.point": {
        "fr": "{text} ({points:+.0f} point de risque)",
        "en": "{text} ({points:+.0f} point of risk)",
    },
    "churn.contract.Month-to-month": {
        "fr": "contrat sans engagement",
        "en": "month-to-month contract",
    },
    "churn.contract.One year": {"fr": "contrat d'un an", "en": "one-year contract"},
    "churn.contract.Two year": {"fr": "contrat de deux ans", "en": "two-year contract"},
    "churn.tenure": {
        "fr": "client depuis {n} mois ({amount} facturés)",
        "en": "{n} months as a customer ({amount} billed)",
    },
    "churn.tenure.one": {
        "fr": "client depuis {n} mois ({amount} facturés)",
        "en": "{n} month as a customer ({amount} billed)",
    },
    "churn.internet.Fiber optic": {
        "fr": "internet par fibre optique",
        "en": "fiber-optic internet",
    },
    "churn.internet.DSL": {"fr": "internet ADSL", "en": "DSL internet"},
    "churn.internet.No": {"fr": "pas d'internet", "en": "no internet service"},
    "churn.payment.Electronic check": {
        "fr": "paiement par chèque électronique",
        "en": "pays by electronic check",
    },
    "churn.payment.Mailed check": {
        "fr": "paiement par chèque postal",
        "en": "pays by mailed check",
    },
    "churn.payment.Bank transfer (automatic)": {
        "fr": "prélèvement automatique",
        "en": "automatic bank transfer",
    },
    "churn.payment.Credit card (automatic)": {
        "fr": "paiement automatique par carte",
        "en": "automatic credit-card payment",
    },
    "churn.monthly_charges": {
        "fr": "facture mensuelle de {amount}",
        "en": "monthly charges of {amount}",
    },
    "churn.charge_change": {
        "fr": "facture du mois {amount} par rapport à la moyenne",
        "en": "this month's bill {amount} against the average bill",
    },
    "churn.tech_support.Yes": {"fr": "avec assistance technique", "en": "has tech support"},
    "churn.tech_support.No": {"fr": "sans assistance technique", "en": "no tech support"},
    "churn.online_security.Yes": {"fr": "avec sécurité en ligne", "en": "has online security"},
    "churn.online_security.No": {"fr": "sans sécurité en ligne", "en": "no online security"},
    "churn.online_backup.Yes": {"fr": "avec sauvegarde en ligne", "en": "has online backup"},
    "churn.online_backup.No": {"fr": "sans sauvegarde en ligne", "en": "no online backup"},
    "churn.device_protection.Yes": {
        "fr": "avec protection de l'appareil",
        "en": "has device protection",
    },
    "churn.device_protection.No": {
        "fr": "sans protection de l'appareil",
        "en": "no device protection",
    },
    "churn.addon.No internet service": {
        "fr": "pas d'options internet (pas d'internet)",
        "en": "no internet add-ons (no internet)",
    },
    "churn.streaming.none": {"fr": "pas de streaming", "en": "no streaming"},
    "churn.streaming.some": {"fr": "streaming ({what})", "en": "streaming ({what})"},
    "churn.streaming.tv": {"fr": "TV", "en": "TV"},
    "churn.streaming.movies": {"fr": "films", "en": "movies"},
    "churn.phone.No": {"fr": "pas de téléphone", "en": "no phone service"},
    "churn.phone.single": {"fr": "une ligne téléphonique", "en": "one phone line"},
    "churn.phone.multiple": {"fr": "plusieurs lignes téléphoniques", "en": "several phone lines"},
    "churn.paperless.Yes": {"fr": "facture dématérialisée", "en": "paperless billing"},
    "churn.paperless.No": {"fr": "facture papier", "en": "paper billing"},
    "churn.senior.1": {"fr": "senior", "en": "senior citizen"},
    "churn.senior.0": {"fr": "non senior", "en": "not a senior citizen"},
    "churn.partner.Yes": {"fr": "en couple", "en": "has a partner"},
    "churn.partner.No": {"fr": "sans conjoint", "en": "no partner"},
    "churn.dependents.Yes": {"fr": "personnes à charge", "en": "has dependents"},
    "churn.dependents.No": {"fr": "sans personne à charge", "en": "no dependents"},
    "churn.services": {"fr": "{n} services souscrits", "en": "{n} services subscribed"},
    "churn.parcours_open_case": {
        "fr": "{n} dossier(s) ouvert(s) dans Parcours",
        "en": "{n} open case(s) in Parcours",
    },
    "churn.parcours_detractor": {
        "fr": "{n} réponse(s) détractrice(s) (NPS 0-6) sans dossier ni rappel",
        "en": "{n} detractor answer(s) (NPS 0-6) with no case nor call-back",
    },
    # --- the command line ------------------------------------------------------------------------
    "churn.trained": {
        "fr": "Modèle entraîné sur {n} clients : {choice}. Écrit dans {path} ({size:,} octets).",
        "en": "Model trained on {n} customers: {choice}. Written to {path} ({size:,} bytes).",
    },
    "churn.scored": {
        "fr": "{n} clients scorés, écrits dans {path}.",
        "en": "{n} customers scored, written to {path}.",
    },
    "churn.no_action": {"fr": "aucune action rentable", "en": "no profitable action"},
    "churn.header": {
        "fr": "client,risque,raisons,action,valeur_attendue,hypothèses",
        "en": "customer,risk,reasons,action,expected_value,assumptions",
    },
    "churn.assumptions": {
        "fr": "valeur client = {margin} de marge x facture mensuelle x {months} mois ; "
        "effet de l'action supposé : {effect} de risque en moins ; coût {cost}",
        "en": "customer value = {margin} margin x monthly charges x {months} months; "
        "action assumed to cut the risk by {effect}; cost {cost}",
    },
    # --- charts ----------------------------------------------------------------------------------
    "churn.reliability.title": {
        "fr": "Fiabilité du risque prédit : prédit contre observé",
        "en": "Reliability of the predicted risk: predicted against observed",
    },
    "churn.reliability.x": {"fr": "risque prédit", "en": "predicted risk"},
    "churn.reliability.y": {"fr": "taux de départ observé", "en": "observed churn rate"},
    "churn.reliability.bin": {
        "fr": "{low:.0%}–{high:.0%} : {n} clients, prédit {pred:.0%}, observé {obs:.0%}",
        "en": "{low:.0%}–{high:.0%}: {n} customers, predicted {pred:.0%}, observed {obs:.0%}",
    },
    "churn.reasons.title": {
        "fr": "Ce qui fait le risque de {customer} ({risk:.0%})",
        "en": "What makes the risk of {customer} ({risk:.0%})",
    },
    "churn.reasons.x": {"fr": "points de risque", "en": "points of risk"},
    # --- the summary -----------------------------------------------------------------------------
    "churn.summary.method": {
        "fr": "Le risque de départ est estimé par {choice}, choisi par validation croisée "
        "interne et jugé en validation croisée stratifiée à {folds} plis sur {n} clients "
        "(taux de départ {base:.1%}), chaque client étant prédit par un modèle qui ne l'a "
        "pas vu.",
        "en": "The churn risk is estimated by {choice}, chosen by inner cross-validation and "
        "judged by {folds}-fold stratified cross-validation on {n} customers (churn rate "
        "{base:.1%}), each customer predicted by a model that never saw them.",
    },
    "churn.summary.figures": {
        "fr": "AUC {auc:.3f} (IC 95 % {low:.3f}–{high:.3f}, écart-type entre plis "
        "{sd:.3f}) ; score de Brier {brier:.3f} ; les 10 % les plus à risque partent "
        "{lift:.1f} fois plus que la moyenne ; écart de calibration moyen (ECE) {ece:.1%}.",
        "en": "AUC {auc:.3f} (95% CI {low:.3f}–{high:.3f}, fold-to-fold SD {sd:.3f}); Brier "
        "score {brier:.3f}; the riskiest 10% churn {lift:.1f} times the average rate; "
        "expected calibration error (ECE) {ece:.1%}.",
    },
    "churn.summary.anchors": {
        "fr": "Références dans le même protocole : régression logistique simple AUC "
        "{lr:.3f}, gradient boosting par défaut AUC {gb:.3f}.",
        "en": "Anchors under the same protocol: plain logistic regression AUC {lr:.3f}, "
        "default gradient boosting AUC {gb:.3f}.",
    },
    "churn.summary.value": {
        "fr": "Avec les hypothèses du catalogue d'actions (effets supposés, non mesurés), "
        "agir sur le décile le plus à risque rapporterait {top:,.0f} en valeur attendue, "
        "contre {random:,.0f} pour un décile pris au hasard.",
        "en": "Under the action catalogue's assumptions (assumed, not measured, effects), "
        "acting on the riskiest decile would bring {top:,.0f} of expected value, against "
        "{random:,.0f} for a random decile.",
    },
}

add_messages(MESSAGES)
