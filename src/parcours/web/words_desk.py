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
        "desk_gestures": {"fr": "Gestes commerciaux", "en": "Commercial gestures"},
        "desk_gesture_kind": {"fr": "Geste", "en": "Gesture"},
        "desk_gesture_amount": {"fr": "Montant", "en": "Amount"},
        "desk_gesture_reason": {"fr": "Motif", "en": "Reason"},
        "desk_gesture_grant": {"fr": "Accorder", "en": "Grant"},
        "desk_gesture_limit": {
            "fr": "Dans votre délégation, le geste est accordé tout de suite ; au-delà, "
            "il attend l'accord d'un manager.",
            "en": "Within your delegation limit the gesture is granted at once; above it, "
            "it waits for a manager's approval.",
        },
        "desk_gesture_granted": {"fr": "accordé", "en": "granted"},
        "desk_gesture_pending_approval": {"fr": "en attente d'accord", "en": "awaiting approval"},
        "desk_gesture_rejected": {"fr": "refusé", "en": "rejected"},
        "desk_gesture_cancelled": {"fr": "annulé", "en": "cancelled"},
        "desk_kind_voucher": {"fr": "bon d'achat", "en": "voucher"},
        "desk_kind_refund": {"fr": "remboursement", "en": "refund"},
        "desk_kind_upgrade": {"fr": "surclassement", "en": "upgrade"},
        "desk_kind_gift": {"fr": "cadeau", "en": "gift"},
        "desk_no_history": {
            "fr": "Rien d'autre pour ce client.",
            "en": "Nothing else for this customer.",
        },
    }
)
