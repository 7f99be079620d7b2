"""Inline SVGs parse, carry a title and text labels, run no script; the summary says the figures."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from parcours.insights.recs.charts import recommendations_svg, reliability_svg, summary
from parcours.insights.recs.service import Recommender

SVG = "{http://www.w3.org/2000/svg}"


def _check(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    assert "<script" not in svg and "onload" not in svg
    return root


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_charts_of_a_customer(fitted: Recommender, lang: str) -> None:
    result = fitted.recommend(1, n=5)
    bars = _check(recommendations_svg(result, lang=lang))
    texts = [t.text or "" for t in bars.iter(f"{SVG}text")]
    assert result.items[0].title[:20] in " ".join(texts)
    assert len(list(bars.iter(f"{SVG}rect"))) == 5
    diagram = _check(reliability_svg(result.model.calibration_bins, lang=lang))
    shown = [b for b in result.model.calibration_bins if b.count]
    assert len(list(diagram.iter(f"{SVG}circle"))) == len(shown)
    title = diagram.find(f"{SVG}title")
    assert title is not None and title.text == (
        "Fiabilité du % de correspondance" if lang == "fr" else "Reliability of the match %"
    )


def test_summaries_in_both_languages(fitted: Recommender) -> None:
    result = fitted.recommend(1, n=5)
    english, french = summary(result, "en"), summary(result, "fr")
    assert "100,836 ratings" in english and "EASE" in english
    assert "100\u202f836 notes" in french and "intervalle à 95 %" in french
    figures = {
        "recs.n_test_users": 603.0,
        "recs.ndcg10": 0.1105,
        "recs.ndcg10_se": 0.0067,
        "recs.ease_ndcg10": 0.0946,
        "recs.pop_ndcg10": 0.0606,
        "recs.gain_ndcg10": 0.1686,
        "recs.diff_ndcg10_se": 0.0063,
        "recs.recall20": 0.1696,
        "recs.ease_recall20": 0.1509,
        "recs.n_test_rated": 22637.0,
        "recs.ece": 0.0158,
        "recs.match_auc": 0.7579,
    }
    assert "NDCG@10 0.111 ± 0.007" in summary(figures, "en") and "+17%" in summary(figures, "en")
    assert "0,016" in summary(figures, "fr") and "+17 %" in summary(figures, "fr")
