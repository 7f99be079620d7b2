"""Kano worked examples from the literature: categories and coefficients computed by hand."""

from __future__ import annotations

import pytest

from parcours.insights.kano.literature import EXAMPLES, examples_exact, matches
from parcours.insights.kano.methods import element_result
from parcours.insights.kano.table import Category

CA, CO, CM, CI, CR, CQ = (Category(c) for c in "AOMIRQ")


def _counts(a: int, o: int, m: int, i: int, r: int = 0, q: int = 0) -> dict[Category, int]:
    return {CA: a, CO: o, CM: m, CI: i, CR: r, CQ: q}


def test_sauerwein_ski_example() -> None:
    """Sauerwein, Bailom, Matzler & Hinterhuber (1996), "The Kano model: how to delight your
    customers", ski example, Fig. 11 (shares in %, taken as counts out of 100):

    edge grip     A 7  O 33 M 50 I 10 -> M (50 is the mode)
                  CS+ = (7+33)/100 = 0.40     CS- = -(33+50)/100 = -0.83
    ease of turn  A 11 O 46 M 31 I 12 -> O
                  CS+ = (11+46)/100 = 0.57    CS- = -(46+31)/100 = -0.77
    service       A 66 O 22 M 3  I 9  -> A
                  CS+ = (66+22)/100 = 0.88    CS- = -(22+3)/100 = -0.25
    (The paper prints 0.89 and -0.78 where it used the unrounded shares.)"""
    edge = element_result("edge grip", _counts(7, 33, 50, 10))
    assert edge.category is CM and edge.cs_plus == pytest.approx(0.40) and edge.cs_minus == -0.83
    turn = element_result("ease of turn", _counts(11, 46, 31, 12))
    assert turn.category is CO and turn.cs_plus == pytest.approx(0.57)
    assert turn.cs_minus == pytest.approx(-0.77)
    service = element_result("service", _counts(66, 22, 3, 9))
    assert (service.category, service.cs_plus, service.cs_minus) == (CA, 0.88, -0.25)
    assert not (edge.tied or turn.tied or service.tied)


def test_brand_and_rese_retail_example() -> None:
    """Brand & Rese (2026), "Dual Response Kano method", Journal of Retailing and Consumer
    Services 89, 104596, Table 1 (raw counts, R and Q included):

    app-based bonus program  A 216 O 56 M 13 I 275 R 23 Q 24 -> I
        CS+ = 272/560 = 0.4857 -> 0.486   CS- = -69/560 = -0.1232 -> -0.123
        (O+A+M) = 285 < (I+R+Q) = 322 -> still I
    smart mirror             A 229 O 42 M 5  I 276 R 33 Q 22 -> I
        CS+ = 271/552 = 0.491             CS- = -47/552 = -0.085
    free in-store wifi       A 187 O 71 M 46 I 258 R 19 Q 26 -> I by the mode
        CS+ = 258/562 = 0.459             CS- = -117/562 = -0.208
        (O+A+M) = 304 > (I+R+Q) = 303 -> A, the strongest of O, A, M (Berger et al. 1993)"""
    app = element_result("app", _counts(216, 56, 13, 275, 23, 24))
    assert app.category is CI and app.category_oam is CI
    assert app.cs_plus == pytest.approx(272 / 560) and app.cs_minus == pytest.approx(-69 / 560)
    assert (round(app.cs_plus, 3), round(app.cs_minus, 3)) == (0.486, -0.123)
    mirror = element_result("mirror", _counts(229, 42, 5, 276, 33, 22))
    assert (round(mirror.cs_plus, 3), round(mirror.cs_minus, 3)) == (0.491, -0.085)
    wifi = element_result("wifi", _counts(187, 71, 46, 258, 19, 26))
    assert wifi.category is CI and wifi.category_oam is CA
    assert (round(wifi.cs_plus, 3), round(wifi.cs_minus, 3)) == (0.459, -0.208)
    # 258 vs 187 answers of 607: Fong's test tells I and A apart.
    assert wifi.significant


def test_every_literature_example_is_reproduced() -> None:
    assert all(matches(e) for e in EXAMPLES)
    assert examples_exact() == 1.0


def test_the_tie_rule_and_fongs_test_on_small_counts() -> None:
    """Ties go to M > O > A > I (Berger et al. 1993). Fong (1996): with n = 20 and the top two
    at 8 and 7, |8-7| = 1 < 1.65 sqrt(15 (40-15) / 40) = 5.05, so they are not told apart."""
    tie = element_result("t", _counts(5, 5, 5, 5))
    assert tie.category is CM and tie.tied
    assert element_result("t", _counts(6, 6, 0, 6)).category is CO
    assert element_result("t", _counts(6, 0, 0, 6)).category is CA
    close = element_result("c", _counts(8, 7, 3, 2))
    assert close.category is CA and not close.tied and not close.significant
    clear = element_result("c", _counts(18, 1, 1, 0))
    assert clear.significant
