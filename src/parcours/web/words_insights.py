"""The insight pages' words in French and English."""

from __future__ import annotations

from parcours.i18n import add_messages

add_messages(
    {
        "ins_title": {
            "fr": "Analyses : que faire en priorité ?",
            "en": "Insights: what to do first?",
        },
        "ins_drivers": {"fr": "Leviers clés", "en": "Key drivers"},
        "ins_drivers_card": {
            "fr": "Quelles étapes et quels aspects pèsent le plus sur la note globale "
            "ou la recommandation.",
            "en": "Which steps and aspects weigh most on the overall rating or the recommendation.",
        },
        "ins_peakend": {"fr": "Pic et fin", "en": "Peak-end"},
        "ins_peakend_card": {
            "fr": "Le pire moment et la fin expliquent-ils mieux la note que la moyenne "
            "des étapes ?",
            "en": "Do the worst moment and the end explain the rating better than the mean "
            "of the steps?",
        },
        "ins_kano": {"fr": "Kano", "en": "Kano"},
        "ins_kano_card": {
            "fr": "Exigences de base, performances et sources d'enchantement, avec CS+ et CS−.",
            "en": "Must-be, performance and delighters, with CS+ and CS−.",
        },
        "ins_churn": {"fr": "Risque d'attrition", "en": "Churn risk"},
        "ins_churn_card": {
            "fr": "Clients à risque, raisons en clair et meilleure action suivante.",
            "en": "Customers at risk, reasons in plain words and next best action.",
        },
        "ins_recs": {"fr": "Recommandations", "en": "Recommendations"},
        "ins_recs_card": {
            "fr": "« Match % » calibré, « parce que vous avez aimé », alternatives.",
            "en": "Calibrated match %, “because you liked”, alternatives.",
        },
        "ins_churn_summary": {
            "fr": "{n} clients notés. Agir sur les 10 % les plus à risque rapporterait {top} en "
            "valeur attendue, contre {random} pour 10 % pris au hasard (hypothèses du catalogue "
            "d'actions).",
            "en": "{n} customers scored. Acting on the riskiest 10% is worth {top} in expected "
            "value, against {random} for a random 10% (assumptions of the action catalogue).",
        },
        "ins_churn_method": {
            "fr": "Régression logistique (splines, interactions) entraînée sur telco-churn ; "
            "ses chiffres hors échantillon : parcours insights churn evaluate.",
            "en": "Logistic regression (splines, interactions) trained on telco-churn; its "
            "held-out figures: parcours insights churn evaluate.",
        },
        "ins_customer": {"fr": "Client", "en": "Customer"},
        "ins_risk": {"fr": "Risque", "en": "Risk"},
        "ins_reasons": {"fr": "Raisons principales", "en": "Top reasons"},
        "ins_action": {"fr": "Meilleure action suivante", "en": "Next best action"},
        "ins_expected_value": {
            "fr": "valeur attendue {ev}, coût {cost}",
            "en": "expected value {ev}, cost {cost}",
        },
        "ins_user": {"fr": "Client (identifiant MovieLens)", "en": "Customer (MovieLens id)"},
        "ins_show": {"fr": "Afficher", "en": "Show"},
        "ins_title_col": {"fr": "Titre", "en": "Title"},
        "ins_match": {"fr": "Match", "en": "Match"},
        "ins_because": {"fr": "Parce que vous avez aimé", "en": "Because you liked"},
        "ins_unavailable": {"fr": "Indisponible ? Alternatives", "en": "Unavailable? Alternatives"},
        "ins_alternatives_to": {
            "fr": "Alternatives au titre {item}",
            "en": "Alternatives to title {item}",
        },
        "ins_open": {"fr": "Ouvrir", "en": "Open"},
        "ins_method": {"fr": "Méthode", "en": "Method"},
        "ins_n": {
            "fr": "Échantillon (analysé / disponible)",
            "en": "Sample (analysed / available)",
        },
        "ins_resamples": {"fr": "Rééchantillonnages (bootstrap)", "en": "Bootstrap resamples"},
        "ins_r2": {"fr": "R² [IC 95 %]", "en": "R² [95% CI]"},
        "ins_cv_diff": {
            "fr": "Écart de R² validé croisé (pic-fin − moyenne) [IC 95 %]",
            "en": "Cross-validated R² gap (peak-end − mean) [95% CI]",
        },
        "ins_other_views": {"fr": "Autres vues", "en": "Other views"},
        "ins_notes": {"fr": "À savoir", "en": "Good to know"},
        "ins_kano_upload": {
            "fr": "Fichier CSV des réponses "
            "(colonnes respondent, element, functional, dysfunctional)",
            "en": "CSV file of answers (columns respondent, element, functional, dysfunctional)",
        },
        "ins_analyse": {"fr": "Analyser", "en": "Analyse"},
        "ins_irritants": {"fr": "Irritants", "en": "Irritants"},
        "ins_enchantments": {"fr": "Sources d'enchantement", "en": "Enchantment opportunities"},
        "ins_category": {"fr": "Catégorie", "en": "Category"},
        "ins_element": {"fr": "Élément", "en": "Element"},
    }
)
