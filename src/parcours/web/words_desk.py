"""The case desk's words in French and English."""

from __future__ import annotations

from parcours.i18n import add_messages

add_messages(
    {
        "desk_title": {"fr": "Dossiers à traiter", "en": "Case queue"},
        "desk_case_title": {"fr": "Dossier {reference}", "en": "Case {reference}"},
        "desk_empty": {"fr": "Aucun dossier en cours.", "en": "No active case."},
        "desk_reference": {"fr": "Référence", "en": "Reference"},
        "desk_subject": {"fr": "Objet", "en": "Subject"},
        "desk_status": {"fr": "Statut", "en": "Status"},
        "desk_priority": {"fr": "Priorité", "en": "Priority"},
        "desk_due": {"fr": "Échéance (résolution)", "en": "Resolution due"},
        "desk_left": {"fr": "reste {h} h", "en": "{h} h left"},
        "desk_overdue": {"fr": "en retard de {h} h", "en": "overdue by {h} h"},
        "desk_process": {"fr": "Démarche suggérée", "en": "Suggested process"},
        "desk_done": {"fr": "Fait", "en": "Done"},
        "desk_mark_done": {"fr": "Marquer fait", "en": "Mark done"},
        "desk_log": {"fr": "Journal de collaboration", "en": "Collaboration log"},
        "desk_add_note": {"fr": "Ajouter au journal", "en": "Add to the log"},
        "desk_history": {"fr": "Historique du client", "en": "Customer history"},
        "desk_other_cases": {"fr": "Autres dossiers du client", "en": "The customer's other cases"},
        "desk_no_history": {
            "fr": "Rien d'autre pour ce client.",
            "en": "Nothing else for this customer.",
        },
    }
)
