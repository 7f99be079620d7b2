"""The employee experience's own words (labels of the lattice, the circle's statements) in
French and English; the pages' words are in `parcours.web.words_employees`."""

from __future__ import annotations

from parcours.i18n import add_messages

add_messages(
    {
        "ex_org": {"fr": "Toute l'organisation", "en": "Whole organisation"},
        "ex_no_step": {"fr": "Hors parcours client", "en": "Not on a customer journey"},
        "ex_band_lt1": {"fr": "moins d'un an", "en": "under 1 year"},
        "ex_band_1to3": {"fr": "1 à 3 ans", "en": "1 to 3 years"},
        "ex_band_3plus": {"fr": "3 ans et plus", "en": "3 years and more"},
        "ex_hidden_by_difference": {
            "fr": "masqué (protège un petit groupe voisin)",
            "en": "hidden (protects a small neighbouring group)",
        },
        "ex_fewer": {"fr": "moins de {k} réponses", "en": "fewer than {k} answers"},
        "ex_removed_step": {"fr": "Étape supprimée ({id})", "en": "Removed step ({id})"},
        "ex_current_month": {
            "fr": "Le mois en cours ({month}) n'est pas montré : ses résultats sont publiés "
            "quand il s'achève, pour qu'aucune réponse ne se déduise d'une visite à l'autre.",
            "en": "The current month ({month}) is not shown: its results are published when "
            "it ends, so that no answer can be worked out from one visit to the next.",
        },
        "ex_circle_too_few": {
            "fr": "Trop peu de mois-équipes publiables ({n}, il en faut au moins {min}) pour "
            "dire quoi que ce soit du lien entre collaborateurs et clients.",
            "en": "Too few publishable team-months ({n}; at least {min} are needed) to say "
            "anything about a link between employees and customers.",
        },
        "ex_circle_crosses_zero": {
            "fr": "Sur {n} mois-équipes, r = {r} (IC 95 % de {low} à {high}) : l'intervalle "
            "contient 0, on ne peut pas conclure à un lien entre l'eNPS des équipes et la "
            "satisfaction de leurs clients.",
            "en": "Over {n} team-months, r = {r} (95% CI {low} to {high}): the interval "
            "contains 0, so no link between team eNPS and their customers' score can be "
            "concluded.",
        },
        "ex_circle_positive": {
            "fr": "Sur {n} mois-équipes, quand l'eNPS d'une équipe est plus haut, le score de "
            "ses clients l'est aussi : r = {r} (IC 95 % de {low} à {high}).",
            "en": "Over {n} team-months, when a team's eNPS is higher its customers' score is "
            "higher too: r = {r} (95% CI {low} to {high}).",
        },
        "ex_circle_negative": {
            "fr": "Sur {n} mois-équipes, quand l'eNPS d'une équipe est plus haut, le score de "
            "ses clients est plus bas : r = {r} (IC 95 % de {low} à {high}).",
            "en": "Over {n} team-months, when a team's eNPS is higher its customers' score is "
            "lower: r = {r} (95% CI {low} to {high}).",
        },
        "ex_circle_caveat": {
            "fr": "C'est une corrélation, pas une preuve de causalité : des équipes mieux "
            "dotées peuvent avoir à la fois des collaborateurs et des clients plus contents, "
            "et le sens du lien n'est pas établi.",
            "en": "This is a correlation, not proof of causation: better-resourced teams may "
            "have both happier employees and happier customers, and the direction of the "
            "link is not established.",
        },
    }
)

add_messages(
    {
        "ex_cli_generated": {
            "fr": "{teams} équipes, {employees} collaborateurs, {answers} réponses de baromètre "
            "et {customers} réponses clients sur {months} mois (corrélation plantée {r}).",
            "en": "{teams} teams, {employees} employees, {answers} pulse answers and "
            "{customers} customer answers over {months} months (planted correlation {r}).",
        },
        "ex_cli_checkins": {
            "fr": "{n} points mensuels planifiés.",
            "en": "{n} monthly check-ins planned.",
        },
        "ex_cli_imported": {
            "fr": "{teams} équipes et {employees} collaborateurs importés.",
            "en": "{teams} teams and {employees} employees imported.",
        },
        "ex_cli_moment": {
            "fr": "Moment enregistré : baromètre le {on}.",
            "en": "Moment recorded: pulse on {on}.",
        },
        "ex_cli_sent": {
            "fr": "{n} baromètres envoyés : {mailed} par e-mail, {printed} liens ci-dessus pour "
            "les collaborateurs sans compte, {page} à retrouver sur leur page /employees/me.",
            "en": "{n} pulses sent: {mailed} by e-mail, {printed} links above for employees "
            "without an account, {page} to be found on their /employees/me page.",
        },
        "ex_cli_min_group": {
            "fr": "Taille minimale des groupes : {k}.",
            "en": "Minimum group size: {k}.",
        },
    }
)
