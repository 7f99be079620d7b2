"""The Kano evaluation table, cell by cell and by its properties; coefficients' properties.

Properties checked on the table (hypothesis, over every answer pair):
1. Q only on the two ends of the diagonal: (like, like) and (dislike, dislike), answers that
   contradict themselves. The middle of the diagonal is I.
2. Swapping the functional and dysfunctional answers turns each of A, O, M into R, and R into
   one of A, O, M; I stays I and Q stays Q.
3. More precisely: A at (like, x) for x in must-be..live-with swaps to R at (x, like); M at
   (x, dislike) swaps to R at (dislike, x); O at (like, dislike) swaps to R at (dislike, like).
4. "Dislike when absent" never makes an element attractive, and "like when present" never
   makes it must-be.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from parcours.insights.kano.methods import element_result
from parcours.insights.kano.table import TABLE, TIE_ORDER, Answer, Category, classify

CA, CO, CM, CI, CR, CQ = (Category(c) for c in "AOMIRQ")
answers = st.sampled_from(list(Answer))
MIDDLE = (Answer.MUST_BE, Answer.NEUTRAL, Answer.LIVE_WITH)


def test_the_table_is_the_published_one() -> None:
    """Kano et al. (1984), as printed by Berger et al. (1993) and Sauerwein et al. (1996,
    Fig. 6): rows functional, columns dysfunctional, both like/must-be/neutral/live-with/dislike."""
    published = [
        "QAAAO",
        "RIIIM",
        "RIIIM",
        "RIIIM",
        "RRRRQ",
    ]
    assert ["".join(c.value for c in row) for row in TABLE] == published
    assert classify(Answer.LIKE, Answer.DISLIKE) is CO
    assert classify(1, 3) is CA


@given(answers, answers)
def test_questionable_only_at_the_ends_of_the_diagonal(f: Answer, d: Answer) -> None:
    category = classify(f, d)
    assert category in set(Category)
    assert (category is CQ) == ((f, d) in {(Answer.LIKE, Answer.LIKE), (Answer.DISLIKE,) * 2})
    if f == d and f in MIDDLE:
        assert category is CI


@given(answers, answers)
def test_swapping_the_questions_reverses_the_element(f: Answer, d: Answer) -> None:
    category, swapped = classify(f, d), classify(d, f)
    if category in (CA, CO, CM):
        assert swapped is CR
    if category is CR:
        assert swapped in (CA, CO, CM)
    if category in (CI, CQ):
        assert swapped is category


@given(st.sampled_from(MIDDLE))
def test_attractive_and_must_be_swap_to_reverse(x: Answer) -> None:
    assert classify(Answer.LIKE, x) is CA and classify(x, Answer.LIKE) is CR
    assert classify(x, Answer.DISLIKE) is CM and classify(Answer.DISLIKE, x) is CR


@given(answers)
def test_what_the_answers_rule_out(x: Answer) -> None:
    assert classify(x, Answer.DISLIKE) is not CA
    assert classify(Answer.LIKE, x) is not CM


@given(
    st.dictionaries(st.sampled_from(list(Category)), st.integers(0, 500), min_size=1).filter(
        lambda c: sum(c.values()) > 0
    ),
    st.integers(0, 50),
    st.integers(0, 50),
)
def test_coefficient_bounds_and_the_mode(
    counts: dict[Category, int], extra_r: int, extra_q: int
) -> None:
    """0 <= CS+ <= 1 and -1 <= CS- <= 0; R and Q answers never move them; the category is
    one of the most frequent, the first of them in M > O > A > I > R > Q."""
    result = element_result("x", counts)
    assert 0.0 <= result.cs_plus <= 1.0 and -1.0 <= result.cs_minus <= 0.0
    full = Counter(counts)
    assert result.counts[result.category] == max(full[c] for c in Category)
    leaders = [c for c in TIE_ORDER if full[c] == max(full.values())]
    assert result.category is leaders[0] and result.tied == (len(leaders) > 1)
    more = dict(full)
    more[CR] = more.get(CR, 0) + extra_r
    more[CQ] = more.get(CQ, 0) + extra_q
    again = element_result("x", more)
    assert (again.cs_plus, again.cs_minus) == (result.cs_plus, result.cs_minus)
