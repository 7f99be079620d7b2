"""The web interface's words in French and English (registered with parcours.i18n)."""

from __future__ import annotations

from parcours.i18n import add_messages

add_messages(
    {
        "web_app": {"fr": "Parcours", "en": "Parcours"},
        "web_nav_dashboard": {"fr": "Tableau de bord", "en": "Dashboard"},
        "web_nav_partner": {"fr": "Espace partenaire", "en": "Partner portal"},
        "web_nav_desk": {"fr": "Dossiers", "en": "Case desk"},
        "web_nav_insights": {"fr": "Analyses", "en": "Insights"},
        "web_switch_lang": {"fr": "English", "en": "Français"},
        "web_sign_in": {"fr": "Connexion", "en": "Sign in"},
        "web_sign_out": {"fr": "Déconnexion", "en": "Sign out"},
        "web_email": {"fr": "Adresse e-mail", "en": "E-mail address"},
        "web_password": {"fr": "Mot de passe", "en": "Password"},
        "web_bad_login": {
            "fr": "Adresse ou mot de passe incorrect.",
            "en": "Wrong e-mail address or password.",
        },
        "web_throttled": {
            "fr": "Trop d'essais manqués : réessayez dans {minutes} min.",
            "en": "Too many failed attempts: try again in {minutes} min.",
        },
        "web_dashboard_title": {"fr": "Parcours {name}", "en": "Journey {name}"},
        "web_no_journey": {
            "fr": "Aucun parcours n'est encore chargé (parcours journey import FICHIER).",
            "en": "No journey is loaded yet (parcours journey import FILE).",
        },
        "web_where_it_hurts": {
            "fr": "Où le parcours fait-il mal, à qui est l'étape ?",
            "en": "Where does the trip hurt, whose step is it?",
        },
        "web_filters": {"fr": "Filtres", "en": "Filters"},
        "web_since": {"fr": "Depuis le", "en": "Since"},
        "web_until": {"fr": "Jusqu'au (exclu)", "en": "Until (excluded)"},
        "web_channel": {"fr": "Canal", "en": "Channel"},
        "web_country": {"fr": "Pays", "en": "Country"},
        "web_segment": {"fr": "Segment", "en": "Segment"},
        "web_apply": {"fr": "Appliquer", "en": "Apply"},
        "web_any": {"fr": "tous", "en": "any"},
        "web_no_answers": {"fr": "pas de réponse", "en": "no answers"},
        "web_n_answers": {"fr": "{n} réponses", "en": "{n} answers"},
        "web_ci": {"fr": "IC 95 % {low}–{high}", "en": "95% CI {low}–{high}"},
        "web_not_significant": {
            "fr": "moins de {min} réponses : non significatif",
            "en": "fewer than {min} answers: not significant",
        },
        "web_key_moment": {"fr": "moment clé", "en": "key moment"},
        "web_three_maps": {
            "fr": "Les trois cartes : conçu, attendu, vécu",
            "en": "The three maps: designed, expected, lived",
        },
        "web_step": {"fr": "Étape", "en": "Step"},
        "web_designed": {"fr": "Conçu", "en": "Designed"},
        "web_expected": {"fr": "Attendu", "en": "Expected"},
        "web_lived": {"fr": "Vécu (% satisfaits)", "en": "Lived (% satisfied)"},
        "web_gaps": {"fr": "Écarts", "en": "Gaps"},
        "web_verbatims": {"fr": "Ce que disent les clients", "en": "What customers say"},
        "web_no_verbatim": {
            "fr": "Aucun verbatim pour ces filtres.",
            "en": "No verbatim for these filters.",
        },
        "web_step_title": {"fr": "Étape {name}", "en": "Step {name}"},
        "web_back": {"fr": "Retour", "en": "Back"},
        "web_forbidden": {"fr": "Accès refusé", "en": "Access denied"},
        "web_bad_request": {"fr": "Demande impossible", "en": "Cannot do this"},
        "web_not_found": {"fr": "Introuvable", "en": "Not found"},
        "portal_title": {"fr": "Fiche partenaire : {name}", "en": "Partner scorecard: {name}"},
        "portal_steps": {"fr": "Vos étapes et leurs scores", "en": "Your steps and their scores"},
        "portal_feelings": {
            "fr": "Sentiments cibles partagés du parcours, et ce qu'en disent les clients",
            "en": "The journey's shared target feelings, and what customers say of them",
        },
        "portal_feeling": {"fr": "Sentiment", "en": "Feeling"},
        "portal_target_on": {"fr": "Visé sur vos étapes", "en": "Targeted on your steps"},
        "portal_positive": {"fr": "Mentions positives", "en": "Positive mentions"},
        "portal_negative": {"fr": "Mentions négatives", "en": "Negative mentions"},
        "portal_feedback": {"fr": "Vos retours clients", "en": "Your customer feedback"},
        "portal_cases": {"fr": "Vos dossiers ouverts", "en": "Your open cases"},
        "web_theme_detail": {
            "fr": "{n} mentions : {neg} négatives, {pos} positives",
            "en": "{n} mentions: {neg} negative, {pos} positive",
        },
        "web_sentiment_negative": {"fr": "négatif", "en": "negative"},
        "web_sentiment_neutral": {"fr": "neutre", "en": "neutral"},
        "web_sentiment_positive": {"fr": "positif", "en": "positive"},
        "web_minutes": {"fr": "{n} min", "en": "{n} min"},
    }
)
