"""The words of the after-sale pages (follow-ups, clienteling, relational signature) and of
their commands, in French and English."""

from __future__ import annotations

from parcours.i18n import add_messages

add_messages(
    {
        # navigation and titles
        "web_nav_customers": {"fr": "Clients", "en": "Customers"},
        "cl_search_title": {"fr": "Retrouver un client", "en": "Find a customer"},
        "cl_customer_title": {"fr": "Client {reference}", "en": "Customer {reference}"},
        "fu_title": {"fr": "Suivis après-vente", "en": "After-sale follow-ups"},
        "fu_reply_title": {"fr": "Votre réponse", "en": "Your answer"},
        "fu_replied_title": {"fr": "Merci !", "en": "Thank you!"},
        "sig_title": {"fr": "Signature relationnelle", "en": "Relational signature"},
        # clienteling
        "cl_search_label": {
            "fr": "Nom, e-mail ou référence client",
            "en": "Name, e-mail or customer reference",
        },
        "cl_search": {"fr": "Chercher", "en": "Search"},
        "cl_no_match": {"fr": "Aucun client trouvé.", "en": "No customer found."},
        "cl_matched_on": {"fr": "trouvé par", "en": "found by"},
        "cl_on_reference": {"fr": "référence", "en": "reference"},
        "cl_on_email": {"fr": "e-mail", "en": "e-mail"},
        "cl_on_name": {"fr": "nom", "en": "name"},
        "cl_partial": {
            "fr": "Vue partenaire : seul ce qui concerne vos étapes et votre entreprise est "
            "affiché.",
            "en": "Partner view: only what concerns your steps and your company is shown.",
        },
        "cl_profile": {"fr": "Profil", "en": "Profile"},
        "cl_language": {"fr": "Langue", "en": "Language"},
        "cl_country": {"fr": "Pays", "en": "Country"},
        "cl_segment": {"fr": "Segment", "en": "Segment"},
        "cl_answers": {"fr": "Réponses et verbatims", "en": "Answers and verbatims"},
        "cl_no_answers": {"fr": "Aucune réponse.", "en": "No answer."},
        "cl_followup_reply": {"fr": "réponse à un suivi", "en": "follow-up reply"},
        "cl_sentiment": {"fr": "tonalité", "en": "sentiment"},
        "cl_sentiment_positive": {"fr": "positive", "en": "positive"},
        "cl_sentiment_negative": {"fr": "négative", "en": "negative"},
        "cl_sentiment_neutral": {"fr": "neutre", "en": "neutral"},
        "cl_sentiment_mixed": {"fr": "mitigée", "en": "mixed"},
        "cl_not_analysed": {"fr": "pas encore analysée", "en": "not analysed yet"},
        "cl_cases": {"fr": "Dossiers", "en": "Cases"},
        "cl_no_cases": {"fr": "Aucun dossier.", "en": "No case."},
        "cl_gestures": {"fr": "Gestes commerciaux", "en": "Commercial gestures"},
        "cl_no_gestures": {"fr": "Aucun geste.", "en": "No gesture."},
        "cl_purchases": {"fr": "Achats", "en": "Purchases"},
        "cl_no_purchases": {"fr": "Aucun achat enregistré.", "en": "No purchase recorded."},
        "cl_followups": {"fr": "Suivis", "en": "Follow-ups"},
        "cl_no_followups": {"fr": "Aucun suivi.", "en": "No follow-up."},
        "cl_risk": {"fr": "Risque de départ", "en": "Churn risk"},
        "cl_risk_low": {"fr": "faible", "en": "low"},
        "cl_risk_medium": {"fr": "moyen", "en": "medium"},
        "cl_risk_high": {"fr": "élevé", "en": "high"},
        "cl_risk_source_signals": {
            "fr": "Signaux Parcours seuls (les données du modèle de churn ne sont pas connues "
            "pour ce client) : {open} dossier(s) ouvert(s), {detractors} détracteur(s) sans "
            "rappel.",
            "en": "Parcours signals only (the churn model's data is not known for this "
            "customer): {open} open case(s), {detractors} detractor answer(s) without a "
            "call-back.",
        },
        "cl_risk_source_model": {
            "fr": "Modèle de churn ({p} %), relevé par les signaux Parcours : {open} dossier(s) "
            "ouvert(s), {detractors} détracteur(s) sans rappel.",
            "en": "Churn model ({p}%), raised by Parcours signals: {open} open case(s), "
            "{detractors} detractor answer(s) without a call-back.",
        },
        "cl_open_customer": {"fr": "Voir la fiche client", "en": "Open the customer's page"},
        # follow-ups
        "fu_plans": {"fr": "Plans de suivi", "en": "Follow-up plans"},
        "fu_no_plans": {
            "fr": "Aucun plan. Un responsable en crée avec « parcours followups plans FICHIER ».",
            "en": "No plan yet. A CX manager adds them with 'parcours followups plans FILE'.",
        },
        "fu_code": {"fr": "Plan", "en": "Plan"},
        "fu_trigger": {"fr": "Déclencheur", "en": "Trigger"},
        "fu_trigger_purchase": {"fr": "achat", "en": "purchase"},
        "fu_trigger_case_closed": {"fr": "dossier clos", "en": "case closed"},
        "fu_delay": {"fr": "Délai", "en": "Delay"},
        "fu_days": {"fr": "{n} jour(s)", "en": "{n} day(s)"},
        "fu_channel": {"fr": "Canal", "en": "Channel"},
        "fu_channel_email": {"fr": "e-mail", "en": "e-mail"},
        "fu_channel_sms": {"fr": "SMS", "en": "SMS"},
        "fu_message": {"fr": "Message", "en": "Message"},
        "fu_signature": {"fr": "Signature relationnelle", "en": "Relational signature"},
        "fu_signature_ok": {"fr": "personnel", "en": "personal"},
        "fu_queue": {"fr": "File des suivis", "en": "Follow-up queue"},
        "fu_no_queue": {"fr": "Aucun suivi programmé.", "en": "No follow-up scheduled."},
        "fu_customer": {"fr": "Client", "en": "Customer"},
        "fu_about": {"fr": "À propos de", "en": "About"},
        "fu_due": {"fr": "Prévu le", "en": "Due"},
        "fu_status": {"fr": "Statut", "en": "Status"},
        "fu_status_scheduled": {"fr": "programmé", "en": "scheduled"},
        "fu_status_sent": {"fr": "envoyé", "en": "sent"},
        "fu_status_replied": {"fr": "a répondu", "en": "replied"},
        "fu_status_skipped": {"fr": "non envoyé", "en": "not sent"},
        "fu_reply_intro": {
            "fr": "Dites-nous en quelques mots comment cela se passe : une personne de l'équipe "
            "lit chaque réponse.",
            "en": "Tell us in a few words how it is going: someone in the team reads every answer.",
        },
        "fu_reply_about": {"fr": "À propos de : {about}", "en": "About: {about}"},
        "fu_reply_text": {"fr": "Votre message", "en": "Your message"},
        "fu_reply_rating": {"fr": "Votre satisfaction (1 à 5)", "en": "Your satisfaction (1 to 5)"},
        "fu_reply_no_rating": {"fr": "sans note", "en": "no mark"},
        "fu_reply_send": {"fr": "Envoyer", "en": "Send"},
        "fu_replied_text": {
            "fr": "Votre réponse est bien arrivée. Si vous voulez ajouter quelque chose, "
            "écrivez-nous à {address} : nous vous répondrons.",
            "en": "Your answer has arrived. If you want to add anything, write to us at "
            "{address}: we will answer.",
        },
        "fu_already": {
            "fr": "Vous avez déjà répondu à ce message : merci.",
            "en": "You have already answered this message: thank you.",
        },
        # signature
        "sig_intro": {
            "fr": "Collez un message destiné à un client : les phrases au langage de marque "
            "générique sont signalées, avec une réécriture personnelle.",
            "en": "Paste a message meant for a customer: sentences in generic brand talk are "
            "flagged, with a personal rewrite.",
        },
        "sig_text": {"fr": "Message", "en": "Message"},
        "sig_lang": {"fr": "Langue du message", "en": "Language of the message"},
        "sig_lang_auto": {"fr": "détecter", "en": "detect"},
        "sig_name": {"fr": "Nom du client (facultatif)", "en": "Customer's name (optional)"},
        "sig_fact": {
            "fr": "Fait concret (facultatif : « votre portefeuille », « le dossier C-000012 »)",
            "en": "Concrete fact (optional: 'your wallet', 'case C-000012')",
        },
        "sig_check": {"fr": "Vérifier", "en": "Check"},
        "sig_clean": {
            "fr": "Aucune phrase signalée : le message parle au client.",
            "en": "No sentence flagged: the message speaks to the customer.",
        },
        "sig_flags": {"fr": "{n} phrase(s) signalée(s)", "en": "{n} sentence(s) flagged"},
        "sig_sentence": {"fr": "Phrase", "en": "Sentence"},
        "sig_reason": {"fr": "Pourquoi", "en": "Why"},
        "sig_rewrite": {"fr": "Réécriture proposée", "en": "Suggested rewrite"},
        # commands
        "fu_cli_sent": {
            "fr": "{queued} suivi(s) mis en file d'envoi, {skipped} non envoyé(s) (raison "
            "notée). Envoi effectif : parcours outbox deliver.",
            "en": "{queued} follow-up(s) queued, {skipped} not sent (reason recorded). "
            "Actual delivery: parcours outbox deliver.",
        },
        "fu_cli_analysed": {
            "fr": "{n} verbatim(s) analysé(s).",
            "en": "{n} verbatim(s) analysed.",
        },
        "fu_cli_plans": {"fr": "{n} plan(s) enregistré(s).", "en": "{n} plan(s) saved."},
        "fu_cli_purchase": {
            "fr": "Achat {reference} enregistré ; suivis programmés : {n}.",
            "en": "Purchase {reference} recorded; follow-ups scheduled: {n}.",
        },
        "sig_scanned": {
            "fr": "{n} texte(s) vérifié(s), {flagged} phrase(s) signalée(s).",
            "en": "{n} text(s) checked, {flagged} sentence(s) flagged.",
        },
        "sig_cli_note": {
            "fr": "Ensemble figé dans le fichier (colonne split) ; les règles sont écrites sur "
            "la partie dev seulement. « marqueurs seuls » : sans la règle « ne nomme pas le "
            "client ».",
            "en": "Split fixed in the file (split column); rules are written on the dev part "
            "only. 'markers only': without the 'never names the customer' rule.",
        },
    }
)
