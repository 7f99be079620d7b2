"""Negation scope and clauses in French and English: which words a "pas" or a "never" governs.

A scope opens after a negator and runs to the end of its clause, over at most
`CONTENT_WINDOW` content words (function words such as "du tout", "very", "been" do not
count), so "pas du tout aimable" and "has never been very helpful" are both negated to their
adjective while "not clean, but the staff were lovely" stops at the comma. Once a content word
is negated, a determiner or preposition ends the scope: in "personne ne nous a prévenus du
retard" the warning is negated, not the delay.
French "ne" looks for its particle (pas, plus, jamais, rien, personne...); "ne ... que" is
restrictive, not negative. "plus" alone ("plus rapide") never negates.
"""

from __future__ import annotations

from collections.abc import Sequence

from parcours.text.stemming import Token, stopwords, word_set

CONTENT_WINDOW = 2
# After the first negated content word (usually the verb or the adjective), a determiner or
# preposition opens its complement, which is not negated: "ne nous a pas prévenus | du retard".
_COMPLEMENT = word_set(
    """de du des d la le les l un une au aux ce cette ces mon ma mes ton ta tes son sa ses
    notre nos votre vos leur leurs apres avant pendant depuis dans en sur par pour avec the a
    an about of for to with from my our your their his her its this that these those after
    before during since until in at on by"""
)

NEGATORS: dict[str, frozenset[str]] = {
    "fr": word_set(
        "pas jamais aucun aucune sans rien nul nulle ni non guere manque manquait absence"
    ),
    "en": word_set(
        """not no never without hardly barely scarcely nobody nothing none neither nor cannot lack
    lacks lacked lacking"""
    ),
}
_FR_PARTICLES = word_set("pas plus jamais rien guere point personne aucun aucune nul nulle ni")
# A negator right before these words is not a negation of what follows.
_NOT_NEGATING: dict[str, frozenset[tuple[str, str]]] = {
    "fr": frozenset({("sans", "doute"), ("non", "seulement"), ("pas", "seulement")}),
    "en": frozenset({("not", "only"), ("no", "doubt"), ("nothing", "but"), ("not", "just")}),
}
# Words that end a clause: a negation or an opinion does not cross them.
BREAKERS = word_set(
    """mais cependant pourtant toutefois sauf tandis et car parce puisque but however though
    although whereas except and because while"""
)


def _is_break(token: Token) -> bool:
    return token.punct or token.form in BREAKERS


def clauses(tokens: Sequence[Token]) -> list[int]:
    """A clause number for every token: punctuation and "mais/but/and..." start a new one."""
    out: list[int] = []
    current = 0
    for tok in tokens:
        if _is_break(tok):
            current += 1
            out.append(-1)
        else:
            out.append(current)
    return out


def _extend(scope: list[int], tokens: Sequence[Token], start: int, negator: int, lang: str) -> None:
    """Mark tokens from `start` on as governed by `negator`, to the clause end or the window."""
    function_words = stopwords().get(lang, frozenset())
    content = 0
    for i in range(start, len(tokens)):
        tok = tokens[i]
        if _is_break(tok) or (content and tok.form in _COMPLEMENT):
            return
        if scope[i] == -1:
            scope[i] = negator
        if tok.form not in function_words:
            content += 1
            if content >= CONTENT_WINDOW:
                return


def scopes(tokens: Sequence[Token], lang: str) -> list[int]:
    """For each token, the index of the negator governing it, or -1.

    A negator is never in its own scope, so a cue that contains its negator ("sans qu'on
    demande", "no problem") can be told apart from a cue that is negated.
    """
    scope = [-1] * len(tokens)
    langs = ("fr", "en") if lang not in ("fr", "en") else (lang,)
    for i, tok in enumerate(tokens):
        if tok.punct:
            continue
        nxt = tokens[i + 1].form if i + 1 < len(tokens) else ""
        for lg in langs:
            if (tok.form, nxt) in _NOT_NEGATING[lg]:
                continue
            if lg == "fr" and tok.form in ("ne", "n"):
                _french_ne(scope, tokens, i)
            elif tok.form in NEGATORS[lg]:
                _extend(scope, tokens, i + 1, i, lg)
            elif lg == "fr" and tok.form == "peu" and (i == 0 or tokens[i - 1].form != "un"):
                # "peu aimable" says "not kind"; "un peu" only softens.
                _extend(scope, tokens, i + 1, i, lg)
    return scope


def _french_ne(scope: list[int], tokens: Sequence[Token], i: int) -> None:
    """ "ne ... pas/plus/jamais": negates from the verb on; "ne ... que" does not."""
    function_words = stopwords()["fr"]
    # "personne ne", "rien ne", "aucun ne" always negate; otherwise "ne" followed by "que"
    # before any content word is the restrictive "il n'y a que deux guichets".
    subject_negator = i > 0 and tokens[i - 1].form in ("personne", "rien", "aucun", "aucune")
    for j in range(i + 1, min(i + 6, len(tokens))):
        tok = tokens[j]
        if subject_negator or _is_break(tok) or tok.form in _FR_PARTICLES:
            break
        if tok.form in ("que", "qu"):
            return
        if tok.form not in function_words:
            break
    _extend(scope, tokens, i + 1, i, "fr")
    # The window restarts after the particle so that "n'est pas du tout aimable" reaches
    # the adjective even though the verb used part of it.
    for j in range(i + 1, min(i + 6, len(tokens))):
        if _is_break(tokens[j]):
            break
        if tokens[j].form in _FR_PARTICLES:
            _extend(scope, tokens, j + 1, i, "fr")
            break


NEGATION_WORDS = NEGATORS["fr"] | NEGATORS["en"] | _FR_PARTICLES


def negated(scope: Sequence[int], start: int, first: str = "") -> bool:
    """Whether a cue starting at `start` is negated by a negator outside it.

    A cue that opens on a negation word ("pas mal", "no problem") carries its own negation:
    the "ne" of "ce n'est pas mal" belongs to it and does not negate it again.
    """
    return 0 <= scope[start] < start and first not in NEGATION_WORDS
