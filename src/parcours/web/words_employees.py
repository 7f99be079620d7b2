"""The employee-experience and co-construction pages' words in French and English."""

from __future__ import annotations

from parcours.employees import words  # noqa: F401  (the domain's words: bands, statements)
from parcours.i18n import add_messages

add_messages(
    {
        "web_nav_employees": {"fr": "Collaborateurs", "en": "Employees"},
        "ex_title": {"fr": "Expérience collaborateur", "en": "Employee experience"},
        "ex_month": {"fr": "Mois", "en": "Month"},
        "ex_show": {"fr": "Afficher", "en": "Show"},
        "ex_no_answers": {
            "fr": "Aucune réponse de baromètre pour l'instant.",
            "en": "No pulse answer yet.",
        },
        "ex_rule": {
            "fr": "Anonymat : aucun résultat n'est montré pour un groupe de moins de {k} "
            "réponses, ni quand il permettrait de le retrouver par différence avec un autre "
            "(son groupe moins ce résultat). Les commentaires sont sans auteur, sans données "
            "personnelles, dans un ordre aléatoire.",
            "en": "Anonymity: no result is shown for a group of fewer than {k} answers, nor "
            "where it would let one be found by difference with another (its group minus "
            "this result). Comments carry no author, no personal data, in a random order.",
        },
        "ex_group": {"fr": "Groupe", "en": "Group"},
        "ex_answers": {"fr": "Réponses", "en": "Answers"},
        "ex_enps": {"fr": "eNPS", "en": "eNPS"},
        "ex_promoters": {"fr": "Promoteurs", "en": "Promoters"},
        "ex_detractors": {"fr": "Détracteurs", "en": "Detractors"},
        "ex_trend": {"fr": "Évolution de l'eNPS par équipe", "en": "eNPS trend by team"},
        "ex_items": {"fr": "Items (moyenne de 1 à 5)", "en": "Items (mean, 1 to 5)"},
        "ex_verbatims": {"fr": "Commentaires", "en": "Comments"},
        "ex_no_verbatims": {"fr": "Aucun commentaire.", "en": "No comment."},
        "ex_export": {"fr": "Exporter (CSV)", "en": "Export (CSV)"},
        "ex_circle_link": {"fr": "Le cercle vertueux", "en": "The virtuous circle"},
        "ex_ideas_link": {"fr": "Idées et questions", "en": "Ideas and questions"},
        "ex_settings": {"fr": "Taille minimale des groupes", "en": "Minimum group size"},
        "ex_save": {"fr": "Enregistrer", "en": "Save"},
        "ex_circle_title": {
            "fr": "Le cercle vertueux : collaborateurs et clients",
            "en": "The virtuous circle: employees and customers",
        },
        "ex_circle_intro": {
            "fr": "Chaque point est un mois d'une équipe : son eNPS (publiable) et le score "
            "des clients à l'étape qu'elle sert.",
            "en": "Each point is one team's month: its (publishable) eNPS and the customers' "
            "score at the step it serves.",
        },
        "ex_customer_score": {"fr": "Score client", "en": "Customer score"},
        "ex_customers": {"fr": "Clients", "en": "Customers"},
        "ex_by_team": {"fr": "Par équipe", "en": "By team"},
        "ex_by_step": {"fr": "Par étape", "en": "By step"},
        "ex_correlation": {
            "fr": "r = {r} (IC 95 % de {low} à {high}, n = {n})",
            "en": "r = {r} (95% CI {low} to {high}, n = {n})",
        },
        "ex_team": {"fr": "Équipe", "en": "Team"},
        "ex_me_title": {"fr": "Mes baromètres", "en": "My pulses"},
        "ex_me_none": {
            "fr": "Aucun baromètre à remplir pour l'instant. Merci !",
            "en": "No pulse to answer for now. Thank you!",
        },
        "ex_me_answer": {"fr": "Répondre", "en": "Answer"},
        "ex_me_until": {"fr": "jusqu'au {d}", "en": "until {d}"},
        "ex_me_anonymous": {
            "fr": "Vos réponses sont anonymes : elles sont enregistrées sans votre nom et ne "
            "sont montrées que pour des groupes d'au moins {k} personnes.",
            "en": "Your answers are anonymous: they are stored without your name and shown "
            "only for groups of at least {k} people.",
        },
        "ex_kind_onboarding": {"fr": "Arrivée", "en": "Onboarding"},
        "ex_kind_training": {"fr": "Formation", "en": "Training"},
        "ex_kind_promotion": {"fr": "Promotion", "en": "Promotion"},
        "ex_kind_hard_case": {"fr": "Dossier difficile", "en": "Hard case"},
        "ex_kind_checkin": {"fr": "Point mensuel", "en": "Monthly check-in"},
        "ex_pulse_title": {"fr": "Baromètre collaborateur", "en": "Employee pulse"},
        "ex_pulse_scale": {
            "fr": "1 = pas du tout d'accord, 5 = tout à fait d'accord",
            "en": "1 = strongly disagree, 5 = strongly agree",
        },
        "ex_pulse_comment": {
            "fr": "Un commentaire ? (facultatif, ne mettez pas de nom)",
            "en": "A comment? (optional, please name no one)",
        },
        "ex_pulse_send": {"fr": "Envoyer", "en": "Send"},
        "ex_pulse_thanks": {"fr": "Merci !", "en": "Thank you!"},
        "ex_pulse_thanks_text": {
            "fr": "Votre réponse est enregistrée, sans votre nom.",
            "en": "Your answer is stored, without your name.",
        },
        "ex_pulse_missing": {
            "fr": "Merci de répondre à chaque question (eNPS et les {n} affirmations).",
            "en": "Please answer every question (eNPS and the {n} statements).",
        },
        "ex_pulse_closed": {"fr": "Baromètre indisponible", "en": "Pulse not available"},
        "ideas_title": {"fr": "Idées et questions", "en": "Ideas and questions"},
        "ideas_bad_link": {
            "fr": "Ce lien ne permet pas de proposer une idée.",
            "en": "This link is not one for sending an idea.",
        },
        "ideas_intro": {
            "fr": "Une idée pour améliorer une étape du parcours, une question à son sujet ? "
            "Chaque proposition a un responsable et une réponse sous 10 jours ouvrés.",
            "en": "An idea to improve a step of the journey, a question about it? Each one "
            "gets an owner and an answer within 10 working days.",
        },
        "ideas_kind": {"fr": "Type", "en": "Kind"},
        "ideas_kind_idea": {"fr": "Idée", "en": "Idea"},
        "ideas_kind_question": {"fr": "Question", "en": "Question"},
        "ideas_step": {"fr": "Étape", "en": "Step"},
        "ideas_text": {"fr": "Votre texte", "en": "Your text"},
        "ideas_submit": {"fr": "Proposer", "en": "Submit"},
        "ideas_list": {"fr": "Propositions", "en": "Submissions"},
        "ideas_none": {"fr": "Aucune proposition.", "en": "No submission."},
        "ideas_owner": {"fr": "Responsable", "en": "Owner"},
        "ideas_no_owner": {"fr": "à attribuer", "en": "to assign"},
        "ideas_due": {"fr": "Réponse attendue le", "en": "Answer due"},
        "ideas_answer": {"fr": "Réponse", "en": "Answer"},
        "ideas_send_answer": {"fr": "Répondre", "en": "Answer"},
        "ideas_assign": {"fr": "Attribuer", "en": "Assign"},
        "ideas_late": {"fr": "en retard", "en": "late"},
        "ideas_from_customer": {"fr": "client", "en": "customer"},
        "ideas_from_staff": {"fr": "collaborateur", "en": "employee"},
        "ideas_times": {
            "fr": "{answered} réponses sur {submitted} propositions ; délai médian {median} "
            "jours ; {on_time} répondues à temps ; {overdue} en retard sans réponse.",
            "en": "{answered} answered out of {submitted}; median time {median} days; "
            "{on_time} answered on time; {overdue} overdue without an answer.",
        },
        "ideas_default_owner": {
            "fr": "Responsable par défaut d'une étape",
            "en": "Default owner of a step",
        },
        "ideas_user_id": {"fr": "Utilisateur (n°)", "en": "User (id)"},
        "ideas_thanks": {
            "fr": "Merci : votre proposition est arrivée, une réponse vous sera donnée.",
            "en": "Thank you: your submission has arrived and will be answered.",
        },
    }
)
