"""What the survey HTTP benchmark prints, in French and English."""

from __future__ import annotations

from parcours.i18n import add_messages

WORDS: dict[str, dict[str, str]] = {
    "survey_http_title": {
        "fr": "Réponses d'enquête en HTTP (boucle locale) : {database}, serveur « {server} »",
        "en": "Survey submissions over HTTP (loopback): {database}, server `{server}`",
    },
    "survey_http_cores": {
        "fr": "Client et serveur se partagent les {cores} cœurs de cette machine : un serveur "
        "qui a ses propres cœurs fait au moins aussi bien.",
        "en": "Client and server share this machine's {cores} CPU cores: a server with cores "
        "of its own does at least as well.",
    },
    "survey_http_load": {
        "fr": "Charge moyenne de la machine (1 min) au début : {load:.1f} ; au-delà de {cores}, "
        "d'autres processus prenaient déjà du temps aux cœurs.",
        "en": "Machine load average (1 min) at the start: {load:.1f}; above {cores}, other "
        "processes were already taking time from the cores.",
    },
    "survey_http_open_loop": {
        "fr": "Charge en boucle ouverte : chaque requête part à son heure quoi qu'il arrive aux "
        "précédentes, et sa latence court depuis cette heure prévue (délai max {timeout:.0f} s).",
        "en": "Open-loop load: each request is sent on schedule whatever became of the earlier "
        "ones, and its latency runs from that scheduled time (timeout {timeout:.0f} s).",
    },
    "survey_http_pg_settings": {
        "fr": "Réglages PostgreSQL : fsync={fsync}, synchronous_commit={synchronous_commit} "
        "(une grappe de test jetable ne fait pas de fsync : plus rapide qu'en production).",
        "en": "PostgreSQL settings: fsync={fsync}, synchronous_commit={synchronous_commit} "
        "(a throw-away test cluster skips fsync: faster than production).",
    },
    "survey_http_header": {
        "fr": "requête|débit/s|envoyées|ok|erreurs|p50 ms|p90 ms|p99 ms|max ms|faites/s|"
        "perdues|retard client ms",
        "en": "request|rate/s|sent|ok|errors|p50 ms|p90 ms|p99 ms|max ms|done/s|lost|client lag ms",
    },
    "survey_http_statuses": {
        "fr": "  {request} à {rate:.0f}/s : statuts {statuses} (0 = délai dépassé, -1 = coupure)",
        "en": "  {request} at {rate:.0f}/s: statuses {statuses} (0 = timed out, -1 = broken)",
    },
    "survey_http_ratio": {
        "fr": "À {rate:.0f}/s, p99 de l'envoi = {page}× celui de la page d'enquête, "
        "{login}× celui de /login.",
        "en": "At {rate:.0f}/s, the submission's p99 = {page}× the survey page's, "
        "{login}× /login's.",
    },
    "survey_http_final": {
        "fr": "Serveur arrêté : {acked} réponses acquittées, {stored} enregistrées parmi elles, "
        "{lost} perdues ; {unacked} enregistrées sans acquittement (délai dépassé, erreur).",
        "en": "Server stopped: {acked} submissions acknowledged, {stored} of them stored, "
        "{lost} lost; {unacked} stored without an acknowledgement (timed out, error).",
    },
    "survey_http_goal": {
        "fr": "Objectif {database} : p99 < {p99:.0f} ms à {rate:.0f} réponses/s, sans erreur "
        "ni perte : {verdict}",
        "en": "Goal {database}: p99 < {p99:.0f} ms at {rate:.0f} submissions/s, no error and "
        "none lost: {verdict}",
    },
    "survey_http_met": {"fr": "atteint", "en": "met"},
    "survey_http_missed": {
        "fr": "manqué (p99 {p99:.1f} ms, {errors} erreurs, {lost} perdues)",
        "en": "missed (p99 {p99:.1f} ms, {errors} errors, {lost} lost)",
    },
    "survey_http_not_measured": {
        "fr": "non mesuré (ajoutez {rate:.0f} à --rates)",
        "en": "not measured (add {rate:.0f} to --rates)",
    },
    "survey_http_no_postgres": {
        "fr": "PostgreSQL ignoré : aucun serveur (--postgres-url, PARCOURS_BENCH_POSTGRES_URL, "
        'ou eval "$(scripts/postgres-for-tests.sh)").',
        "en": "PostgreSQL skipped: no server (--postgres-url, PARCOURS_BENCH_POSTGRES_URL, "
        'or eval "$(scripts/postgres-for-tests.sh)").',
    },
    "survey_http_step": {
        "fr": "{database} : {request} à {rate:.0f}/s pendant {duration:.0f} s…",
        "en": "{database}: {request} at {rate:.0f}/s for {duration:.0f} s…",
    },
}

add_messages(WORDS)
