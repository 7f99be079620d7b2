"""The administration's words in French and English (registered with parcours.i18n)."""

from __future__ import annotations

from parcours.i18n import add_messages

add_messages(
    {
        "admin_nav": {"fr": "Administration", "en": "Administration"},
        "admin_hub_title": {"fr": "Administration", "en": "Administration"},
        "admin_journeys_title": {"fr": "Parcours et partenaires", "en": "Journeys and partners"},
        "admin_journeys_about": {
            "fr": "Les parcours, leurs étapes et leurs partenaires ; charger un parcours depuis "
            "un fichier YAML, ou le télécharger.",
            "en": "Journeys, their steps and their partners; load a journey from a YAML file, "
            "or download one.",
        },
        "admin_surveys_title": {"fr": "Enquêtes", "en": "Surveys"},
        "admin_surveys_about": {
            "fr": "Les enquêtes de chaque parcours et leurs questions ; créer un lien d'enquête "
            "signé.",
            "en": "Each journey's surveys and their questions; make a signed survey link.",
        },
        "admin_rules_title": {"fr": "Règles", "en": "Rules"},
        "admin_rules_about": {
            "fr": "Ce qui se déclenche sur les réponses et les événements ; ajouter ou remplacer "
            "une règle en YAML, voir ce qu'elle a fait.",
            "en": "What fires on answers and events; add or replace a rule in YAML, see what "
            "it did.",
        },
        "admin_imports_title": {"fr": "Imports", "en": "Imports"},
        "admin_imports_about": {
            "fr": "Importer un fichier CSV ou JSON Lines avec sa correspondance ; les lignes "
            "refusées sont mises en quarantaine, une par une.",
            "en": "Import a CSV or JSON Lines file with its mapping; refused rows go to the "
            "quarantine, one by one.",
        },
        "admin_users_title": {"fr": "Utilisateurs", "en": "Users"},
        "admin_users_about": {
            "fr": "Les personnes qui se connectent, leur rôle, leur partenaire, leur équipe ; "
            "créer un compte, réinitialiser un mot de passe.",
            "en": "The people who sign in, their role, partner and team; create an account, "
            "reset a password.",
        },
        # Shared words
        "admin_code": {"fr": "Code", "en": "Code"},
        "admin_name": {"fr": "Nom", "en": "Name"},
        "admin_steps": {"fr": "Étapes", "en": "Steps"},
        "admin_partners": {"fr": "Partenaires", "en": "Partners"},
        "admin_partner": {"fr": "Partenaire", "en": "Partner"},
        "admin_kind": {"fr": "Type", "en": "Kind"},
        "admin_country": {"fr": "Pays", "en": "Country"},
        "admin_duration": {"fr": "Durée prévue", "en": "Designed duration"},
        "admin_file": {"fr": "Fichier", "en": "File"},
        "admin_line": {"fr": "Ligne", "en": "Line"},
        "admin_field": {"fr": "Champ", "en": "Field"},
        "admin_reason": {"fr": "Raison", "en": "Reason"},
        "admin_when": {"fr": "Quand", "en": "When"},
        "admin_status": {"fr": "État", "en": "Status"},
        "admin_source": {"fr": "Source", "en": "Source"},
        "admin_language": {"fr": "Langue", "en": "Language"},
        "admin_yes": {"fr": "oui", "en": "yes"},
        "admin_no": {"fr": "non", "en": "no"},
        "admin_save": {"fr": "Enregistrer", "en": "Save"},
        "admin_load": {"fr": "Charger", "en": "Load"},
        "admin_create": {"fr": "Créer", "en": "Create"},
        "admin_download": {"fr": "Télécharger", "en": "Download"},
        "admin_download_yaml": {"fr": "Télécharger en YAML", "en": "Download as YAML"},
        "admin_yaml_file": {"fr": "Fichier YAML", "en": "YAML file"},
        "admin_refused": {
            "fr": "Document refusé : {n} problème(s)",
            "en": "Document refused: {n} problem(s)",
        },
        "admin_nothing_stored": {
            "fr": "Rien n'a été enregistré : corrigez le fichier et envoyez-le à nouveau.",
            "en": "Nothing was stored: correct the file and send it again.",
        },
        # Journeys and partners
        "admin_journeys": {"fr": "Parcours", "en": "Journeys"},
        "admin_journey_title": {"fr": "Parcours {name}", "en": "Journey {name}"},
        "admin_journey_upload": {
            "fr": "Charger un parcours (YAML)",
            "en": "Load a journey (YAML)",
        },
        "admin_journey_upload_help": {
            "fr": "Crée le parcours ou met à jour celui de même code ; les étapes sont reconnues "
            "par leur code et gardent leurs retours.",
            "en": "Creates the journey or updates the one with the same code; steps are matched "
            "by code and keep their feedback.",
        },
        "admin_journey_loaded": {
            "fr": "Parcours {code} chargé : {n} étapes.",
            "en": "Journey {code} loaded: {n} steps.",
        },
        "admin_no_journey": {"fr": "Aucun parcours pour l'instant.", "en": "No journey yet."},
        "admin_no_partner": {"fr": "Aucun partenaire pour l'instant.", "en": "No partner yet."},
        "admin_from_feedback": {"fr": "d'après les retours", "en": "from feedback"},
        # Surveys
        "admin_survey": {"fr": "Enquête", "en": "Survey"},
        "admin_no_survey": {
            "fr": "Ce parcours n'a pas d'enquête.",
            "en": "This journey has no survey.",
        },
        "admin_survey_facts": {
            "fr": "canal {channel} · étape : {step}",
            "en": "channel {channel} · step: {step}",
        },
        "admin_whole_journey": {"fr": "tout le parcours", "en": "the whole journey"},
        "admin_link_title": {"fr": "Créer un lien d'enquête", "en": "Make a survey link"},
        "admin_link_help": {
            "fr": "Un lien signé, sans compte à créer, que personne ne peut falsifier : à mettre "
            "dans un e-mail, un QR code, un ticket.",
            "en": "A signed link that needs no account and that nobody can forge: for an "
            "e-mail, a QR code, a receipt.",
        },
        "admin_link_step": {
            "fr": "Étape (enquêtes sur tout le parcours)",
            "en": "Step (whole-journey surveys)",
        },
        "admin_link_step_of_survey": {
            "fr": "celle de l'enquête",
            "en": "the survey's own",
        },
        "admin_link_days": {"fr": "Valable (jours)", "en": "Valid for (days)"},
        "admin_link_make": {"fr": "Créer le lien", "en": "Make the link"},
        "admin_link_made": {
            "fr": "Lien créé, valable jusqu'au {expires} :",
            "en": "Link made, valid until {expires}:",
        },
        "admin_link_open": {"fr": "Ouvrir l'enquête", "en": "Open the survey"},
        # Rules
        "admin_rule_title": {"fr": "Règle {name}", "en": "Rule {name}"},
        "admin_trigger": {"fr": "Déclencheur", "en": "Trigger"},
        "admin_enabled": {"fr": "Active", "en": "On"},
        "admin_rule_on": {"fr": "active", "en": "switched on"},
        "admin_rule_off": {"fr": "inactive", "en": "switched off"},
        "admin_switch_on": {"fr": "Activer", "en": "Switch on"},
        "admin_switch_off": {"fr": "Désactiver", "en": "Switch off"},
        "admin_runs": {"fr": "Déclenchements", "en": "Runs"},
        "admin_updated": {"fr": "Modifiée le", "en": "Updated"},
        "admin_no_rule": {"fr": "Aucune règle pour l'instant.", "en": "No rule yet."},
        "admin_rule_new": {
            "fr": "Ajouter ou remplacer une règle",
            "en": "Add or replace a rule",
        },
        "admin_rule_help": {
            "fr": "Une règle par document, validée comme par l'API (PUT /api/rules/CODE) ; "
            "une règle de même code est remplacée, ses déclenchements passés restent.",
            "en": "One rule per document, validated as the API does (PUT /api/rules/CODE); "
            "a rule with the same code is replaced, its past runs stay.",
        },
        "admin_rule_yaml": {"fr": "Règle en YAML", "en": "Rule in YAML"},
        "admin_rule_file": {
            "fr": "ou un fichier YAML (il remplace le texte)",
            "en": "or a YAML file (it takes the place of the text)",
        },
        "admin_rule_current": {"fr": "Définition actuelle", "en": "Current definition"},
        "admin_rule_replace": {"fr": "Remplacer", "en": "Replace"},
        "admin_rule_saved": {"fr": "Règle {code} enregistrée.", "en": "Rule {code} saved."},
        "admin_recent_runs": {"fr": "Derniers déclenchements", "en": "Recent runs"},
        "admin_no_run": {
            "fr": "Cette règle ne s'est pas encore déclenchée.",
            "en": "This rule has not fired yet.",
        },
        "admin_subject": {"fr": "Sujet", "en": "Subject"},
        "admin_actions": {"fr": "Actions", "en": "Actions"},
        # Imports
        "admin_import_new": {"fr": "Importer un fichier", "en": "Import a file"},
        "admin_import_help": {
            "fr": "Fichier {suffixes}, {limit} Mo au plus. Les lignes refusées sont mises en "
            "quarantaine avec leur raison ; relancer le même fichier n'ajoute rien.",
            "en": "File {suffixes}, {limit} MB at most. Refused rows go to the quarantine with "
            "their reason; importing the same file again adds nothing.",
        },
        "admin_import_file": {"fr": "Fichier de données", "en": "Data file"},
        "admin_mapping": {"fr": "Correspondance des colonnes", "en": "Column mapping"},
        "admin_mapping_file": {
            "fr": "ou un fichier de correspondance YAML (il passe avant la liste)",
            "en": "or a mapping YAML file (it takes precedence over the list)",
        },
        "admin_encoding": {"fr": "Encodage", "en": "Encoding"},
        "admin_encoding_of_mapping": {
            "fr": "celui de la correspondance",
            "en": "the mapping's",
        },
        "admin_import_run": {"fr": "Importer", "en": "Import"},
        "admin_recent_imports": {"fr": "Derniers imports", "en": "Recent imports"},
        "admin_no_import": {"fr": "Aucun import pour l'instant.", "en": "No import yet."},
        "admin_run_title": {"fr": "Import n°{id} : {file}", "en": "Import #{id}: {file}"},
        "admin_run_facts": {
            "fr": "source {source} · encodage {encoding} · état {status}",
            "en": "source {source} · encoding {encoding} · status {status}",
        },
        "admin_seconds": {"fr": "{s} s", "en": "{s} s"},
        "admin_rows_read": {"fr": "Lignes lues", "en": "Rows read"},
        "admin_rows_new": {"fr": "Nouvelles", "en": "New"},
        "admin_rows_present": {"fr": "Déjà présentes", "en": "Already present"},
        "admin_rows_quarantined": {"fr": "En quarantaine", "en": "Quarantined"},
        "admin_quarantine": {"fr": "Quarantaine", "en": "Quarantine"},
        "admin_quarantine_empty": {
            "fr": "Aucune ligne de ce fichier n'est en quarantaine.",
            "en": "No row of this file is in quarantine.",
        },
        "admin_quarantine_first": {
            "fr": "Les {n} premières lignes sur {total}.",
            "en": "The first {n} rows of {total}.",
        },
        "admin_raw_row": {"fr": "Ligne brute", "en": "Raw row"},
        "admin_earlier_run": {"fr": "import précédent", "en": "earlier import"},
        # Users
        "admin_email": {"fr": "Adresse e-mail", "en": "E-mail address"},
        "admin_role": {"fr": "Rôle", "en": "Role"},
        "admin_team": {"fr": "Équipe", "en": "Team"},
        "admin_partner_for_partners": {
            "fr": "Partenaire (utilisateurs partenaires seulement)",
            "en": "Partner (partner users only)",
        },
        "admin_new_password": {"fr": "Nouveau mot de passe", "en": "New password"},
        "admin_new_password_for": {
            "fr": "Nouveau mot de passe de {email}",
            "en": "New password for {email}",
        },
        "admin_password_min": {
            "fr": "Mot de passe (10 caractères au moins)",
            "en": "Password (at least 10 characters)",
        },
        "admin_no_password": {"fr": "pas de mot de passe", "en": "no password"},
        "admin_reset": {"fr": "Réinitialiser", "en": "Reset"},
        "admin_user_new": {"fr": "Créer un utilisateur", "en": "Create a user"},
        "admin_user_created": {
            "fr": "Utilisateur créé : il peut se connecter.",
            "en": "User created: they can sign in.",
        },
        "admin_password_reset": {"fr": "Mot de passe changé.", "en": "Password changed."},
    }
)
