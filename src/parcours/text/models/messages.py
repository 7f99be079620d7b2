"""Words of `parcours text evaluate`, in French and English."""

from __future__ import annotations

from parcours.i18n import add_messages

MESSAGES: dict[str, dict[str, str]] = {
    "text_eval_title": {
        "fr": "Évaluation sur données réservées : {dataset}",
        "en": "Held-out evaluation: {dataset}",
    },
    "text_eval_headers": {
        "fr": "tâche|chemin|langue|n|exactitude|F1 macro|textes/s|autres",
        "en": "task|path|language|n|accuracy|macro-F1|texts/s|other",
    },
    "text_eval_confusion": {
        "fr": "Matrice de confusion : {task}, {path} (lignes : vérité ; colonnes : prédiction)",
        "en": "Confusion matrix: {task}, {path} (rows: truth; columns: predicted)",
    },
    "text_eval_unknown_dataset": {
        "fr": "jeu de données inconnu {dataset!r} (au choix : {known})",
        "en": "unknown data set {dataset!r} (one of: {known})",
    },
    "text_eval_unknown_path": {
        "fr": "chemin inconnu {path!r} (fast, accurate ou both)",
        "en": "unknown path {path!r} (fast, accurate or both)",
    },
}

add_messages(MESSAGES)
