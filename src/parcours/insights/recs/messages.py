"""The words of the recommendations (CLI, charts, summary), in French and English."""

from __future__ import annotations

from parcours.i18n import add_messages

MESSAGES: dict[str, dict[str, str]] = {
    "recs.header": {
        "fr": "Suggestions pour le client {user} ({rated} titres notés, dont {liked} pouces levés)",
        "en": "Suggestions for customer {user} ({rated} titles rated, {liked} thumbs up)",
    },
    "recs.line": {
        "fr": "{rank:>2}. {title} — correspondance {match} % [{low}–{high} %]",
        "en": "{rank:>2}. {title} — {match}% match [{low}–{high}%]",
    },
    "recs.because": {
        "fr": "    parce que vous avez aimé : {titles}",
        "en": "    because you liked: {titles}",
    },
    "recs.no_reason": {
        "fr": "    (suggéré par ce que vous avez noté en dernier)",
        "en": "    (suggested from what you rated last)",
    },
    "recs.none": {
        "fr": "Aucune suggestion : ce client a déjà noté tout ce qui peut l'être.",
        "en": "No suggestion: this customer has already rated everything that can be suggested.",
    },
    "recs.alternatives": {"fr": "Alternatives à {title}", "en": "Alternatives to {title}"},
    "recs.foreign": {
        "fr": "Titres les plus proches de « {title} » (autre catalogue, par le contenu)",
        "en": "Closest titles to “{title}” (another catalogue, by content)",
    },
    "recs.alt_line": {
        "fr": "{rank:>2}. {title} — similarité {similarity} ({basis})",
        "en": "{rank:>2}. {title} — similarity {similarity} ({basis})",
    },
    "recs.basis.collaborative": {
        "fr": "mêmes goûts des clients (poids EASE)",
        "en": "customers' shared tastes (EASE weights)",
    },
    "recs.basis.content": {
        "fr": "contenu : genres, tags, titre",
        "en": "content: genres, tags, title",
    },
    "recs.no_alternative": {
        "fr": "Aucun titre proche trouvé.",
        "en": "No close title found.",
    },
    "recs.evaluating": {
        "fr": "Évaluation sur la partie test de MovieLens (environ une minute)…",
        "en": "Evaluating on the MovieLens test split (about a minute)…",
    },
    "recs.reliability.title": {
        "fr": "Fiabilité du % de correspondance",
        "en": "Reliability of the match %",
    },
    "recs.reliability.bin": {
        "fr": "correspondance {low:.0%}–{high:.0%} : {n} notes, prédit {pred:.0%}, "
        "pouce levé observé {obs:.0%}",
        "en": "match {low:.0%}–{high:.0%}: {n} ratings, predicted {pred:.0%}, "
        "thumbs up observed {obs:.0%}",
    },
    "recs.reliability.x": {"fr": "% de correspondance prédit", "en": "predicted match %"},
    "recs.reliability.y": {"fr": "part de pouces levés observée", "en": "observed thumbs-up rate"},
    "recs.bars.title": {
        "fr": "Suggestions pour le client {user} et leur % de correspondance",
        "en": "Suggestions for customer {user} and their match %",
    },
    "recs.bars.item": {
        "fr": "{title} : correspondance {match:.0%} (intervalle à 95 % {low:.0%}–{high:.0%})",
        "en": "{title}: {match:.0%} match (95% interval {low:.0%}–{high:.0%})",
    },
    "recs.bars.x": {
        "fr": "% de correspondance (trait : intervalle à 95 %)",
        "en": "match % (line: 95% interval)",
    },
    "recs.summary.method": {
        "fr": "Méthode : modèle EASE article-à-article sur les pouces levés (note ≥ 4), les "
        "derniers aimés pesant davantage, mêlé à ce que les membres notent juste après les "
        "titres que le client a notés en dernier ; ajusté sur {ratings} notes de {users} "
        "clients pour {items} titres.",
        "en": "Method: an EASE item-to-item model on thumbs-up (rating ≥ 4), the latest likes "
        "weighted more, blended with what members rate next after the titles the customer rated "
        "last; fitted on {ratings} ratings by {users} customers of {items} titles.",
    },
    "recs.summary.match": {
        "fr": "Le % de correspondance est la probabilité d'un pouce levé si le client regarde le "
        "titre, calibrée sur {n} notes postérieures (régression logistique puis isotone) ; "
        "chaque valeur a son intervalle à 95 %.",
        "en": "The match % is the probability of a thumbs up if the customer watches the title, "
        "calibrated on {n} later ratings (logistic then isotonic regression); each value comes "
        "with its 95% interval.",
    },
    "recs.summary.user": {
        "fr": "Client {user} : {rated} titres notés, dont {liked} pouces levés ; {shown} "
        "suggestions, jamais un titre déjà noté.",
        "en": "Customer {user}: {rated} titles rated, {liked} thumbs up; {shown} suggestions, "
        "never a title already rated.",
    },
    "recs.summary.test": {
        "fr": "Test sur les 20 % de pouces levés les plus récents de {users} clients : NDCG@10 "
        "{ndcg} ± {se} contre {ease} pour EASE seul et {pop} pour la popularité (écart "
        "{gain} ; erreur type appariée de l'écart {diff_se}). Rappel@20 {recall} contre "
        "{ease_recall}.",
        "en": "Tested on the latest 20% of thumbs-up of {users} customers: NDCG@10 {ndcg} ± {se} "
        "against {ease} for plain EASE and {pop} for popularity (gain {gain}; paired standard "
        "error of the difference {diff_se}). Recall@20 {recall} against {ease_recall}.",
    },
    "recs.summary.ece": {
        "fr": "Calibration du % de correspondance sur {n} notes postérieures : erreur de "
        "calibration attendue {ece} (10 classes), AUC {auc}.",
        "en": "Match % calibration on {n} later ratings: expected calibration error {ece} "
        "(10 bins), AUC {auc}.",
    },
}

add_messages(MESSAGES)
