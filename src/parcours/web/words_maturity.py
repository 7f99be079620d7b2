"""The words of the maturity and programme-value pages and commands, in French and English."""

from __future__ import annotations

from parcours.i18n import add_messages

add_messages(
    {
        "web_nav_maturity": {"fr": "Maturité et valeur", "en": "Maturity and value"},
        "mat_title": {
            "fr": "Maturité de l'expérience client",
            "en": "Customer-experience maturity",
        },
        "mat_intro": {
            "fr": "La pyramide de l'expérience client, de « me donner les informations » à "
            "« anticiper ce dont j'ai besoin ». Répondez pour aujourd'hui ; les preuves que "
            "Parcours détient sont à côté.",
            "en": "The customer-experience pyramid, from 'give me information' to 'anticipate "
            "what I need'. Answer for today; the evidence Parcours holds is shown beside it.",
        },
        "mat_questionnaire": {"fr": "Questionnaire", "en": "Questionnaire"},
        "mat_level_n": {"fr": "Niveau {n}", "en": "Level {n}"},
        "mat_scale_1": {"fr": "Pas du tout d'accord", "en": "Strongly disagree"},
        "mat_scale_2": {"fr": "Plutôt pas d'accord", "en": "Disagree"},
        "mat_scale_3": {"fr": "Ni l'un ni l'autre", "en": "Neither"},
        "mat_scale_4": {"fr": "Plutôt d'accord", "en": "Agree"},
        "mat_scale_5": {"fr": "Tout à fait d'accord", "en": "Strongly agree"},
        "mat_submit": {"fr": "Enregistrer l'évaluation", "en": "Save the assessment"},
        "mat_scores": {"fr": "Score par niveau", "en": "Score per level"},
        "mat_scores_on": {"fr": "Évaluation du {day}", "en": "Assessment of {day}"},
        "mat_none_yet": {"fr": "Aucune évaluation encore.", "en": "No assessment yet."},
        "mat_level": {"fr": "Niveau", "en": "Level"},
        "mat_score": {"fr": "Score (0-100)", "en": "Score (0-100)"},
        "mat_reached": {"fr": "Niveau atteint : {level}", "en": "Level reached: {level}"},
        "mat_reached_none": {
            "fr": "Aucun niveau atteint (score de 60 requis, en partant du bas).",
            "en": "No level reached yet (a score of 60 is needed, from the bottom up).",
        },
        "mat_evidence": {"fr": "Ce que Parcours constate", "en": "What Parcours sees"},
        "mat_evidence_period": {
            "fr": "Sur les {days} derniers jours ; règles actives aujourd'hui.",
            "en": "Over the last {days} days; rules enabled today.",
        },
        "mat_days": {"fr": "Période (jours)", "en": "Period (days)"},
        "mat_show": {"fr": "Afficher", "en": "Show"},
        "mat_figure": {"fr": "Indicateur", "en": "Figure"},
        "mat_value": {"fr": "Valeur", "en": "Value"},
        "mat_base": {"fr": "Base", "en": "Out of"},
        "mat_source": {"fr": "Calculé par", "en": "Computed by"},
        "mat_no_data": {"fr": "pas de données", "en": "no data"},
        "mat_gaps": {"fr": "Déclaré et constaté", "en": "Said and seen"},
        "mat_statement": {"fr": "Affirmation", "en": "Statement"},
        "mat_answer": {"fr": "Réponse", "en": "Answer"},
        "mat_target": {"fr": "Cible", "en": "Target"},
        "mat_verdict": {"fr": "Verdict", "en": "Verdict"},
        "mat_verdict_overstated": {
            "fr": "⚠ Désaccord : vous l'affirmez, les données ne le montrent pas",
            "en": "⚠ Disagreement: you say so, the data does not show it",
        },
        "mat_verdict_understated": {
            "fr": "⚠ Désaccord : vous le niez, les données le montrent",
            "en": "⚠ Disagreement: you deny it, the data shows it",
        },
        "mat_verdict_consistent": {"fr": "Cohérent", "en": "Consistent"},
        "mat_verdict_no_data": {"fr": "Pas de données pour juger", "en": "No data to judge"},
        "mat_verdict_unclaimed": {"fr": "Réponse neutre", "en": "Neutral answer"},
        "mat_disagreements": {
            "fr": "{n} désaccord(s) entre l'évaluation et les données.",
            "en": "{n} disagreement(s) between the assessment and the data.",
        },
        "mat_history": {"fr": "Historique", "en": "History"},
        "mat_date": {"fr": "Date", "en": "Date"},
        "mat_saved": {"fr": "Évaluation enregistrée.", "en": "Assessment saved."},
        "ev_surveyed_steps": {
            "fr": "Étapes de parcours ayant reçu des avis",
            "en": "Journey steps that received feedback",
        },
        "ev_cases_within_sla": {
            "fr": "Dossiers résolus dans le délai (SLA)",
            "en": "Cases resolved within the SLA",
        },
        "ev_case_close_median_hours": {
            "fr": "Délai médian de clôture des dossiers",
            "en": "Median time to close a case",
        },
        "ev_verbatims_analysed": {"fr": "Verbatims analysés", "en": "Verbatims analysed"},
        "ev_detractors_called_back": {
            "fr": "Détracteurs rappelés",
            "en": "Detractors called back",
        },
        "ev_gestures_granted": {"fr": "Gestes commerciaux accordés", "en": "Gestures granted"},
        "ev_partners_sharing": {
            "fr": "Partenaires qui partagent des avis",
            "en": "Partners sharing feedback",
        },
        "ev_proactive_rules": {
            "fr": "Règles proactives actives (sur événement)",
            "en": "Proactive rules in use (on events)",
        },
        "ev_churn_rules": {
            "fr": "Règles actives sur le risque de départ",
            "en": "Rules in use on churn risk",
        },
        "mat_evidence_headers": {
            "fr": "Indicateur|Valeur|Base|Calculé par|Détail",
            "en": "Figure|Value|Out of|Computed by|Detail",
        },
        "val_title": {"fr": "Valeur du programme", "en": "Value of the programme"},
        "val_intro": {
            "fr": "Ce que coûte l'attrition et ce que valent les clients sauvés par la boucle "
            "fermée, ligne à ligne : formule, données (stockées ou hypothèses), résultat.",
            "en": "What churn costs and what the customers saved by the closed loop are worth, "
            "line by line: formula, inputs (stored or assumed), result.",
        },
        "val_period": {
            "fr": "Données du {since} au {until}.",
            "en": "Data from {since} to {until}.",
        },
        "val_line": {"fr": "Ligne", "en": "Line"},
        "val_formula": {"fr": "Formule", "en": "Formula"},
        "val_inputs": {"fr": "Données", "en": "Inputs"},
        "val_result": {"fr": "Résultat", "en": "Result"},
        "val_src_stored": {"fr": "donnée stockée", "en": "stored data"},
        "val_src_assumption": {"fr": "hypothèse", "en": "assumption"},
        "val_src_model": {"fr": "modèle d'attrition", "en": "churn model"},
        "val_src_formula": {"fr": "calculé", "en": "computed"},
        "val_line_lifetime": {"fr": "Durée de vie client (ans)", "en": "Customer lifetime (years)"},
        "val_line_customers_lost": {
            "fr": "Clients perdus par an",
            "en": "Customers lost per year",
        },
        "val_line_churn_cost": {"fr": "Coût de l'attrition par an", "en": "Churn cost per year"},
        "val_line_lifetime_value": {
            "fr": "Valeur d'un client sur sa durée de vie",
            "en": "Customer lifetime value",
        },
        "val_line_customers_saved": {"fr": "Clients sauvés", "en": "Customers saved"},
        "val_line_value_saved": {
            "fr": "Valeur des clients sauvés",
            "en": "Value of the customers saved",
        },
        "val_line_gestures_cost": {
            "fr": "Coût des gestes accordés",
            "en": "Cost of the gestures granted",
        },
        "val_line_net_value": {"fr": "Valeur nette", "en": "Net value"},
        "val_symbols": {
            "fr": "N clients ; m marge par client et par an ; c taux d'attrition annuel ; "
            "H horizon (ans) ; T clients à risque traités (dossier, rappel ou geste) ; "
            "s part d'entre eux sauvés ; G coût des gestes ; L durée de vie ; S clients sauvés.",
            "en": "N customers; m margin per customer per year; c yearly churn rate; H horizon "
            "(years); T at-risk customers the loop acted on (case, call-back or gesture); "
            "s share of them saved; G cost of the gestures; L lifetime; S customers saved.",
        },
        "val_stored": {"fr": "Données stockées", "en": "Stored data"},
        "val_stored_detail": {
            "fr": "{customers} clients ; {at_risk} clients à risque (réponse NPS ≤ 6), "
            "dont {treated} traités ; {gestures} gestes accordés.",
            "en": "{customers} customers; {at_risk} customers at risk (NPS answer ≤ 6), "
            "{treated} of whom the loop acted on; {gestures} gestures granted.",
        },
        "val_other_currencies": {
            "fr": "Gestes dans une autre devise, non convertis ni comptés : {list}",
            "en": "Gestures in another currency, neither converted nor counted: {list}",
        },
        "val_sensitivity": {"fr": "Sensibilité (±20 %)", "en": "Sensitivity (±20%)"},
        "val_assumption": {"fr": "Hypothèse", "en": "Assumption"},
        "val_low": {"fr": "−20 %", "en": "−20%"},
        "val_base": {"fr": "Base", "en": "Base"},
        "val_high": {"fr": "+20 %", "en": "+20%"},
        "val_net_value_of": {"fr": "Valeur nette", "en": "Net value"},
        "val_assumptions": {"fr": "Hypothèses", "en": "Assumptions"},
        "val_defaults": {
            "fr": "Valeurs par défaut : aucune hypothèse encore saisie.",
            "en": "Default values: no assumption entered yet.",
        },
        "val_saved_at": {"fr": "Saisies le {at}.", "en": "Entered on {at}."},
        "val_margin": {
            "fr": "Marge par client et par an",
            "en": "Margin per customer per year",
        },
        "val_churn": {"fr": "Taux d'attrition annuel (%)", "en": "Yearly churn rate (%)"},
        "val_save": {
            "fr": "Part des clients à risque traités qui restent grâce à l'action (%)",
            "en": "Share of treated at-risk customers who stay thanks to it (%)",
        },
        "val_horizon": {"fr": "Horizon maximal (ans)", "en": "Longest horizon (years)"},
        "val_currency": {"fr": "Devise", "en": "Currency"},
        "val_submit": {"fr": "Recalculer et enregistrer", "en": "Recompute and save"},
        "val_name_margin": {"fr": "marge", "en": "margin"},
        "val_name_churn_rate": {"fr": "taux d'attrition", "en": "churn rate"},
        "val_name_save_share": {"fr": "part sauvée", "en": "share saved"},
        "val_cli_headers": {
            "fr": "Ligne|Formule|Données|Résultat",
            "en": "Line|Formula|Inputs|Result",
        },
    }
)
