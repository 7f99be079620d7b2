"""A peak-end comparison told in plain French or English: both fits, the verdict, the doubt."""

from __future__ import annotations

from parcours.i18n import t
from parcours.insights.drivers.formats import number
from parcours.insights.peakend import messages  # noqa: F401 (registers the words)
from parcours.insights.peakend.schemas import Model, ModelFit, PeakEndResult


def model_name(fit: ModelFit | Model, lang: str, *, generated_or_trip: bool = True) -> str:
    model = fit.model if isinstance(fit, ModelFit) else fit
    if model is Model.MEAN and not generated_or_trip:
        return t("peakend_model_mean_aspects", lang)
    return t(f"peakend_model_{model.value}", lang)


def is_trip(result: PeakEndResult) -> bool:
    """Trips have steps in order with durations; reviews have unordered aspects."""
    return result.moments.model is Model.PEAK_END


def summary(result: PeakEndResult, lang: str) -> str:
    """Both fits side by side, which explains the overall rating better, method and n."""
    trip = is_trip(result)
    lines = [t("peakend_title", lang, source=result.source)]
    for fit in (result.moments, result.mean):
        lines.append(
            t(
                "peakend_fit",
                lang,
                model=model_name(fit, lang, generated_or_trip=trip),
                r2=number(fit.r2, lang, 3),
                adj=number(fit.adj_r2, lang, 3),
                aic=number(fit.aic, lang, 1),
                bic=number(fit.bic, lang, 1),
                cv=number(fit.cv_r2, lang, 3),
            )
        )
    diff = result.cv_diff
    if result.winner is None:
        lines.append(
            t(
                "peakend_undecided",
                lang,
                diff=number(diff.value, lang, 3),
                low=number(diff.low, lang, 3),
                high=number(diff.high, lang, 3),
            )
        )
    else:
        sign = 1.0 if result.winner is result.moments.model else -1.0
        lines.append(
            t(
                "peakend_winner",
                lang,
                model=model_name(result.winner, lang, generated_or_trip=trip),
                diff=number(sign * diff.value, lang, 3),
                low=number(min(sign * diff.low, sign * diff.high), lang, 3),
                high=number(max(sign * diff.low, sign * diff.high), lang, 3),
            )
        )
    if result.planted is not None:
        found = t("yes" if result.winner is result.planted else "no", lang)
        lines.append(
            t("peakend_planted", lang, model=model_name(result.planted, lang), found=found)
        )
    lines.append(
        t(
            "peakend_sample" if trip else "peakend_sample_reviews",
            lang,
            n=result.n,
            rows=result.n_rows,
            steps=result.steps,
        )
    )
    lines.append(
        t(
            "peakend_method",
            lang,
            folds=result.folds,
            seed=result.seed,
            resamples=result.resamples,
        )
    )
    lines.extend(result.notes(lang))
    return "\n".join(lines)


def fit_table(result: PeakEndResult, lang: str) -> list[str]:
    """The two fits side by side: a header and one row per model, cells split by " | "."""
    trip = is_trip(result)
    rows = [t("peakend_headers", lang).replace("|", " | ")]
    for fit in (result.moments, result.mean):
        cells = (
            model_name(fit, lang, generated_or_trip=trip),
            number(fit.r2, lang, 3),
            number(fit.adj_r2, lang, 3),
            number(fit.aic, lang, 1),
            number(fit.bic, lang, 1),
            number(fit.cv_r2, lang, 3),
        )
        rows.append(" | ".join(cells))
    return rows
