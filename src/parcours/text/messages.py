"""The words of the text engine's commands, in French and English."""

from __future__ import annotations

from parcours.i18n import add_messages

MESSAGES: dict[str, dict[str, str]] = {
    "text_analyzing": {"fr": "Analyse de {source}", "en": "Analysing {source}"},
    "text_rows_done": {"fr": "{rows:,} lignes", "en": "{rows:,} rows"},
    "text_done": {
        "fr": "{source} : {rows:,} lignes lues, {analysed:,} analysées, {errors:,} en erreur, "
        "{rate:,.0f} textes/s ({seconds:.1f} s, exécution {executor}) → {output}",
        "en": "{source}: {rows:,} rows read, {analysed:,} analysed, {errors:,} errors, "
        "{rate:,.0f} texts/s ({seconds:.1f} s, {executor} executor) → {output}",
    },
    "text_languages": {"fr": "Langues : {languages}", "en": "Languages: {languages}"},
    "text_pii": {
        "fr": "{n:,} textes contenaient des données personnelles, masquées",
        "en": "{n:,} texts held personal data, redacted",
    },
    "text_first_errors": {"fr": "Premières erreurs :", "en": "First errors:"},
    "text_row_error": {"fr": "ligne {row} : {reason}", "en": "row {row}: {reason}"},
    "text_pipeline": {"fr": "Chaîne : {names}", "en": "Pipeline: {names}"},
    "text_read_as": {"fr": "Fichier lu en {encoding}", "en": "File read as {encoding}"},
    "text_separator": {"fr": ", séparateur {sep}", "en": ", separator {sep}"},
    "text_tab": {"fr": "tabulation", "en": "tab"},
}

add_messages(MESSAGES)
