"""Language detection: French, English, and the rest as "other", on real texts.

Accuracy is measured on the odd rows of the tweets (English) and of the French restaurant
reviews: the even rows were the ones looked at while writing the word profiles.
"""

from __future__ import annotations

import csv
from pathlib import Path

from parcours.text.base import Doc
from parcours.text.language import LanguageDetector
from parcours.text.normalise import Normaliser
from parcours.text.readers import TextRow, open_texts

OTHER_LANGUAGES = [
    "El vuelo llegó con tres horas de retraso y nadie nos dio una explicación.",
    "La comida estaba fría pero el personal fue muy amable con nosotros.",
    "Gracias por todo, el servicio fue excelente.",
    "No volveré a viajar con esta compañía, perdieron mi maleta.",
    "Der Flug war pünktlich und das Personal sehr freundlich.",
    "Leider wurde unser Gepäck in Frankfurt vergessen.",
    "Das Essen war kalt und der Service war eine Katastrophe.",
    "Ich bin mit dem Kundendienst sehr zufrieden, danke!",
    "Il volo è stato cancellato e nessuno ci ha aiutato.",
    "Il cibo era ottimo e il personale molto gentile.",
    "Abbiamo aspettato due ore per il bagaglio, che vergogna.",
    "Grazie mille, servizio impeccabile come sempre.",
    "O voo atrasou duas horas e não recebemos nenhuma informação.",
    "A comida estava ótima e os funcionários foram muito simpáticos.",
    "Perderam a minha mala e ninguém me ajudou no aeroporto.",
    "Obrigado pelo excelente atendimento!",
    "De vlucht had drie uur vertraging en niemand wist waarom.",
    "Het eten was lekker en het personeel erg vriendelijk.",
    "Mijn koffer is kwijt en de klantenservice reageert niet.",
    "Bedankt voor de snelle hulp, echt top!",
    "Lot był opóźniony o trzy godziny, a obsługa była bardzo niemiła.",
    "Uçuş üç saat gecikti ve kimse bize bilgi vermedi.",
]


def detect(texts: list[str], **options: object) -> list[str]:
    docs = [Doc(row=i, text=t) for i, t in enumerate(texts)]
    docs = Normaliser()(docs)
    return [d.language for d in LanguageDetector(**options)(docs)]  # type: ignore[arg-type]


def accuracy(found: list[str], expected: str) -> float:
    return sum(f == expected for f in found) / len(found)


def test_short_and_long_texts_in_both_languages() -> None:
    assert detect(
        [
            "@united thanks for nothing, 3 hours on the tarmac",
            "Bag lost again 😡",
            "Service impeccable, merci à toute l'équipe !",
            "Trop cher pour ce que c'est.",
            "Nous avons dîné hier soir : accueil chaleureux, plats copieux et desserts maison. "
            "Le rapport qualité-prix est excellent, nous reviendrons avec plaisir.",
        ]
    ) == ["en", "en", "fr", "fr", "fr"]


def test_mixed_texts_take_the_dominant_language() -> None:
    assert detect(
        [
            "Great flight but le repas était froid et le personnel pas très aimable du tout.",
            "Le vol était ok, but the crew was rude and we waited two hours for our bags.",
        ]
    ) == ["fr", "en"]


def test_no_words_falls_back() -> None:
    assert detect(["", "😍😍👍", "12/03 15:40"]) == ["other", "other", "other"]
    assert detect(["😍😍👍"], fallback="fr") == ["fr"]


def test_other_languages_come_out_other() -> None:
    found = detect(OTHER_LANGUAGES)
    # 21 of 22: the Polish sentence has "a" and "o" as known words and comes out English.
    assert accuracy(found, "other") >= 0.9
    assert found[:20] == ["other"] * 20


def test_accuracy_on_public_tweets_and_reviews(public_data: Path) -> None:
    with (public_data / "airline-tweets" / "Tweets.csv").open(encoding="utf-8", newline="") as fh:
        tweets = [r["text"] for i, r in enumerate(csv.DictReader(fh)) if i % 2 == 1]
    source = open_texts(public_data / "fr-restaurants" / "train.tsv", text_column="Avis")
    reviews = [r.text for r in source if isinstance(r, TextRow) and r.row % 2 == 1]
    en = accuracy(detect(tweets), "en")
    fr = accuracy(detect(reviews), "fr")
    print(
        f"language accuracy, held-out rows: tweets en {en:.4f} ({len(tweets)}), "
        f"reviews fr {fr:.4f} ({len(reviews)})"
    )
    assert en >= 0.99
    assert fr >= 0.995


def test_french_elisions_count_as_french_words() -> None:
    assert detect(["J'ai adoré l'accueil", "C'est n'importe quoi", "qu'il pleuve"]) == ["fr"] * 3
