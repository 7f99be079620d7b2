"""User-facing words in French and English; every string shown to a person goes through `t`."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "journey": {"fr": "parcours", "en": "journey"},
    "step": {"fr": "étape", "en": "step"},
    "partner": {"fr": "partenaire", "en": "partner"},
    "team": {"fr": "équipe", "en": "team"},
    "channel": {"fr": "canal", "en": "channel"},
    "country": {"fr": "pays", "en": "country"},
    "segment": {"fr": "segment", "en": "segment"},
    "period": {"fr": "période", "en": "period"},
    "report_title": {"fr": "Scores par {dims}", "en": "Scores by {dims}"},
    "report_footnote": {
        "fr": "[bas–haut] : intervalle de confiance à 95 %. * : moins de {min} réponses, "
        "score non significatif.",
        "en": "[low–high]: 95% confidence interval. *: fewer than {min} answers, not significant.",
    },
    "no_data": {"fr": "Aucune réponse ne correspond.", "en": "No response matches."},
    "import_done": {
        "fr": "{file} : {read} lignes lues, {new} nouvelles, {present} déjà présentes, "
        "{quarantined} en quarantaine ({rate:,.0f} lignes/s, encodage {encoding}).",
        "en": "{file}: {read} rows read, {new} new, {present} already present, "
        "{quarantined} quarantined ({rate:,.0f} rows/s, encoding {encoding}).",
    },
    "importing": {"fr": "Import de {file}", "en": "Importing {file}"},
    "init_done": {"fr": "Base prête : {url}", "en": "Store ready: {url}"},
    "journey_loaded": {
        "fr": "Parcours {code} chargé : {steps} étapes, {partners} partenaires.",
        "en": "Journey {code} loaded: {steps} steps, {partners} partners.",
    },
    "quarantine_empty": {"fr": "La quarantaine est vide.", "en": "The quarantine is empty."},
    "maps_title": {
        "fr": "Trois cartes du parcours {name} : conçu, attendu, vécu",
        "en": "Three maps of {name}: designed, expected, lived",
    },
    "designed": {"fr": "conçu", "en": "designed"},
    "expected": {"fr": "attendu", "en": "expected"},
    "lived": {"fr": "vécu", "en": "lived"},
    "gaps": {"fr": "écarts", "en": "gaps"},
    "partners": {"fr": "partenaires", "en": "partners"},
    "more_partners": {
        "fr": "+ {n} partenaires cités par les retours",
        "en": "+ {n} partners named in feedback",
    },
    "key_moment": {"fr": "moment clé", "en": "key moment"},
    "file": {"fr": "fichier", "en": "file"},
    "line": {"fr": "ligne", "en": "line"},
    "field": {"fr": "champ", "en": "field"},
    "reason": {"fr": "raison", "en": "reason"},
    "error": {"fr": "Erreur", "en": "Error"},
    "database_error": {"fr": "base de données", "en": "database"},
    "rules_headers": {"fr": "code|nom|déclencheur|actif", "en": "code|name|trigger|on"},
    "yes": {"fr": "oui", "en": "yes"},
    "no": {"fr": "non", "en": "no"},
    "dry_run": {
        "fr": "{code} : se serait déclenchée {fired} fois sur {evaluated} réponses des {days} "
        "derniers jours ({rate:,.0f} évaluées par seconde)",
        "en": "{code}: would have fired {fired} times on {evaluated} responses of the last "
        "{days} days ({rate:,.0f} evaluated per second)",
    },
    "metric_runs": {
        "fr": "{new} nouvelles, {done} déjà faites aujourd'hui",
        "en": "{new} new, {done} already done today",
    },
    "already_done": {"fr": "déjà fait", "en": "already done"},
    "no_rule_fired": {"fr": "aucune règle déclenchée", "en": "no rule fired"},
    "escalated": {"fr": "{n} dossiers escaladés : {refs}", "en": "{n} escalated: {refs}"},
    "loop_title": {
        "fr": "boucle fermée, {days} derniers jours, par {by}",
        "en": "closed loop, last {days} days, by {by}",
    },
    "loop_headers": {
        "fr": "|dossiers|1re réponse|résolution|résolu au 1er contact|rappel < 48 h|"
        "satisfaction avant → après",
        "en": "|cases|1st response|resolution|once & done|call-back < 48 h|"
        "satisfaction before → after",
    },
    "audit_title": {
        "fr": "gestes accordés, {days} derniers jours (taux d'échantillon {rate:.0%})",
        "en": "gestures granted, last {days} days (sample rate {rate:.0%})",
    },
    "audit_headers": {
        "fr": "utilisateur|devise|nombre|total|au-delà de la confiance|à contrôler",
        "en": "user|currency|count|total|above trust|to review",
    },
    "delivered": {
        "fr": "envoyés {sent}, à réessayer {retried}, en échec {failed}",
        "en": "sent {sent}, to retry {retried}, failed {failed}",
    },
    "user_created": {
        "fr": "utilisateur {id} : {email} ({role})",
        "en": "user {id}: {email} ({role})",
    },
    "password_set": {"fr": "Mot de passe changé pour {email}.", "en": "Password set for {email}."},
    "demo_users": {
        "fr": "Comptes de démonstration (mot de passe « {password} ») : {emails}",
        "en": "Demo accounts (password '{password}'): {emails}",
    },
    "snapshot_rows": {"fr": "{name} : {n:,} lignes", "en": "{name}: {n:,} rows"},
}


def add_messages(messages: dict[str, dict[str, str]]) -> None:
    """Let a domain keep its own words beside its code; a key may be defined only once."""
    for key, texts in messages.items():
        if key in MESSAGES and MESSAGES[key] != texts:
            raise ValueError(f"message key {key!r} is defined twice")
        if set(texts) != {"fr", "en"}:
            raise ValueError(f"message {key!r} needs exactly 'fr' and 'en'")
        MESSAGES[key] = texts


def t(key: str, lang: str, **values: object) -> str:
    text = MESSAGES[key]["fr" if lang == "fr" else "en"]
    return text.format(**values) if values else text
