"""Language of each verbatim: "fr", "en" or "other", offline and fast (no model file).

Each language has a profile of frequent words: function words, and for French and English the
everyday words of customer feedback. A word counts for every profile it belongs to, split
evenly ("de" is French, Spanish, Italian, Portuguese and Dutch). Words in no profile still vote
through a character-trigram model built from the profiles' own words, so "delayed" leans
English and "décevant" French even when neither is listed. Spanish, German, Italian,
Portuguese and Dutch have profiles so that texts in those languages come out "other" rather
than the nearest of French and English; a longer text where almost no word is known comes out
"other" too. A mixed text gets the language with the most evidence, i.e. the dominant one.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from parcours.text.base import Doc, Language


def _words(text: str) -> list[str]:
    return text.split()


_EN = _words(
    """the a an and or but if of to in on at by for with from about as into through over after
before between under up down out off again then once here there when where why how all any both
each few more most other some such no nor not only own same so than too very can will just should
now i me my myself we our us you your yours he him his she her it its they them their what which
who whom this that these those am is are was were be been being have has had do does did would
could shall may might must it's i'm i've i'll i'd you're you've they're we're that's there's
isn't aren't wasn't weren't don't doesn't didn't can't cannot won't wouldn't couldn't haven't
hasn't let's yes yeah thanks thank please get got going go went gone make made still even ever
never always really much many because while until since also back well like one two first last
new good great bad best worse worst nice love hate time day today tomorrow yesterday hour hours
minutes week every anyone someone nothing something anything need want know think see said told
say help flight flights plane airline airport gate delayed delay cancelled canceled late seat
seats bag bags baggage luggage lost crew staff service customer customers agent call phone hold
wait waiting waited ticket tickets booking booked refund fly flying flew trip travel board
boarding check connection missed pilot food drink meal lounge upgrade miles rude friendly
helpful terrible awful amazing excellent experience issue problem people guys hotel room price
money pay paid fee fees rebooked way why guess sure right left next hope tried trying answer
email online website app fix sorry worst ever again delivery order ordered received work working
doesn't broken waste job thx thnx pls plz lol omg dm sent follow followed congrats
congratulations awesome cool sucks finally true false min mins via ceo news deal deals come
u ur im"""
)
_FR = _words(
    """le la les l' un une des du de d' au aux et ou mais donc ni car que qu' qui quoi dont où ce
cet cette ces c' ça cela ceci je j' tu il elle on nous vous ils elles me m' te t' se s' moi toi
lui leur leurs mon ma mes ton ta tes son sa ses notre nos votre vos y en ne n' pas plus moins très
trop peu bien mal aussi encore toujours jamais rien personne tout tous toute toutes avec sans pour
par sur sous dans chez entre vers depuis pendant avant après est sont était étaient été être avoir
avons avez ont ai as a avait avaient fait faire sommes êtes suis sera seront serait peut peuvent
pouvez doit faut va vont allé allés comme quand si oui non merci bonjour bonsoir déjà alors ensuite
puis enfin même autre autres chaque quelque quelques beaucoup vraiment assez plutôt parce ici là
repas plat plats cuisine service accueil serveur serveuse serveurs personnel restaurant table prix
qualité rapport bon bonne bons bonnes excellent excellente délicieux délicieuse agréable sympa
sympathique chaleureux décevant déçu déçus attente attendre attendu minutes heure heures vol vols
retard annulé bagage bagages avion aéroport billet remboursement client clients conseiller
téléphone réponse problème commande livraison salle dessert desserts entrée vin viande poisson
frites carte menu midi soir cadre ambiance moment soirée recommande recommander reviendrons
reviendrai retour super top nul génial parfait parfaitement copieux frais fraîche chère cher
équipe patron semaine jour aujourd'hui hier demain fois vraiment gentil gentille accueillant
souriant rapide lent lente long longue sale propre froid chaud dommage petit petite grand grande
choix goût bonne endroit lieu ville place nourriture boisson café pain fromage sauce"""
)
_ES = _words(
    """el la los las un una unos unas y o pero de del al en con por para sin sobre entre que qué
quien como cómo cuando donde muy más menos también no sí ya es son está están estaba fue ser estar
hay tiene tengo tenemos han ha he su sus mi mis tu tus nuestro se le lo les me nos te este esta
estos estas ese esa eso esto todo todos toda todas nada gracias hola bien mal bueno buena mucho
muchos poco vuelo servicio comida porque hasta desde siempre nunca hemos fueron muy pésimo"""
)
_DE = _words(
    """der die das den dem des ein eine einen einem einer und oder aber nicht kein keine ist sind
war waren sein haben hat hatte ich du er sie es wir ihr mich mir dich dir uns euch mein meine dein
unser mit von zu zum zur bei nach aus für auf über unter vor an im am in auch noch nur sehr schon
wieder immer wie was wer wo wann warum dass weil wenn sich gut schlecht danke bitte ja nein flug
essen wurde werden wird kann können müssen gibt hier dort heute leider"""
)
_IT = _words(
    """il lo la i gli le un uno una e ed o ma di del della dei degli delle da dal dalla in nel
nella con su sul per tra fra che chi cui non più molto anche sono è era erano essere avere ho hai
ha abbiamo hanno mio mia tuo suo nostro questo questa quello quella come quando dove perché grazie
ciao bene male buono buona tutto tutti volo servizio cibo sempre mai ancora già solo stato"""
)
_PT = _words(
    """o a os as um uma uns umas e ou mas de do da dos das em no na nos nas com por para sem sobre
entre que quem como quando onde muito mais menos também não sim já é são está estão era foi ser
estar tem têm tenho há seu sua seus suas meu minha nosso nossa você vocês ele ela eles elas isso
isto este esta esse essa todo todos tudo nada obrigado obrigada olá bem mal bom boa voo serviço
comida sempre nunca ainda só pelo pela"""
)
_NL = _words(
    """de het een en of maar van in op aan met voor bij naar uit over onder tussen dat die dit deze
wie wat waar wanneer hoe waarom niet geen wel ook nog al zeer heel erg is zijn was waren ben bent
heeft hebben had hadden wordt worden werd kan kunnen moet moeten ik jij je u hij zij ze wij we
jullie mijn jouw haar ons onze hun er hier daar dank bedankt goed slecht vlucht eten altijd nooit
vandaag"""
)

LANGUAGES: tuple[str, ...] = ("fr", "en", "es", "de", "it", "pt", "nl")
_PROFILES: dict[str, list[str]] = {
    "fr": _FR,
    "en": _EN,
    "es": _ES,
    "de": _DE,
    "it": _IT,
    "pt": _PT,
    "nl": _NL,
}
_ELISIONS = frozenset(_words("l' j' c' d' n' s' m' t' qu' jusqu' lorsqu' puisqu'"))
# Tokens the normaliser and PII steps put in: they say nothing about the language.
_PLACEHOLDERS = frozenset(_words("user url email phone iban card address"))
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
# How much one unknown word weighs against a known one: it is weaker evidence.
_UNKNOWN_WEIGHT = 0.35


def _word_weights() -> dict[str, tuple[tuple[int, float], ...]]:
    """Per word, the languages it belongs to (by index) and its share of a vote in each."""
    owners: dict[str, set[int]] = {}
    for i, lang in enumerate(LANGUAGES):
        for word in _PROFILES[lang]:
            owners.setdefault(word, set()).add(i)
    return {word: tuple((i, 1.0 / len(ids)) for i in sorted(ids)) for word, ids in owners.items()}


def _trigram_models() -> list[tuple[dict[str, float], float]]:
    """Per language: log-probability of each trigram, and of an unseen one."""
    models = []
    for lang in LANGUAGES:
        counts: Counter[str] = Counter()
        for word in _PROFILES[lang]:
            counts.update(_trigrams(word))
        total = sum(counts.values()) + len(counts) + 1
        models.append(
            ({g: math.log((c + 1) / total) for g, c in counts.items()}, math.log(0.5 / total))
        )
    return models


def _trigrams(word: str) -> list[str]:
    padded = f"<{word}>"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


_WEIGHTS = _word_weights()
_MODELS = _trigram_models()


@lru_cache(maxsize=200_000)
def _unknown_votes(word: str) -> tuple[float, ...]:
    """Posterior of each language for a word in no profile, from its character trigrams."""
    grams = _trigrams(word)
    logs = [sum(model.get(g, unseen) for g in grams) for model, unseen in _MODELS]
    top = max(logs)
    exp = [math.exp(v - top) for v in logs]
    total = sum(exp)
    return tuple(_UNKNOWN_WEIGHT * e / total for e in exp)


def tokens(text: str) -> list[str]:
    """Lower-case words; "l'accueil" gives "l'" and "accueil", "don't" stays whole."""
    out: list[str] = []
    for word in _WORD.findall(text.lower()):
        head, apostrophe, tail = word.partition("'")
        if apostrophe and head + "'" in _ELISIONS:
            out.append(head + "'")
            out.append(tail)
        elif head not in _PLACEHOLDERS:
            out.append(word)
    return out


def scores(words: Sequence[str]) -> tuple[list[float], list[float]]:
    """Evidence for each profiled language: from known words, and from unknown words."""
    known = [0.0] * len(LANGUAGES)
    unknown = [0.0] * len(LANGUAGES)
    for word in words:
        votes = _WEIGHTS.get(word)
        if votes is not None:
            for i, v in votes:
                known[i] += v
        elif len(word) >= 3:
            for i, v in enumerate(_unknown_votes(word)):
                unknown[i] += v
    return known, unknown


class LanguageDetector:
    """Sets `doc.language` from `doc.clean` (or `doc.text` when nothing cleaned it).

    `fallback` is the language of a text with no word at all (emoji only, empty): "other" by
    default; a journey known to be in French may say "fr". `min_known` is the share of known
    words below which a text of `min_words` words or more is in a language we do not profile.
    """

    name = "language"

    def __init__(
        self, fallback: Language = "other", min_known: float = 0.12, min_words: int = 6
    ) -> None:
        self.fallback: Language = fallback
        self.min_known = min_known
        self.min_words = min_words

    def __call__(self, docs: Sequence[Doc]) -> list[Doc]:
        for doc in docs:
            doc.language = self.detect(doc.clean or doc.text)
        return list(docs)

    def detect(self, text: str) -> Language:
        words = tokens(text)
        if not words:
            return self.fallback
        known = sum(1 for w in words if w in _WEIGHTS)
        if len(words) >= self.min_words and known / len(words) < self.min_known:
            return "other"
        known_votes, unknown_votes = scores(words)
        total = [k + u for k, u in zip(known_votes, unknown_votes, strict=True)]
        best = max(range(len(LANGUAGES)), key=total.__getitem__)
        # Another language must be named by words it is known for: the trigrams of a few
        # unknown words (names, slang) are too weak to call a text foreign.
        if best >= 2 and known_votes[best] >= max(1.0, known_votes[0], known_votes[1]):
            return "other"
        fr, en = total[0], total[1]
        if fr <= 0.0 and en <= 0.0:
            return self.fallback
        return "fr" if fr > en else "en"
