"""`parcours insights drivers | peakend | kano | evaluate`: what drives the overall outcome."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parcours.cli.context import STATE
from parcours.errors import BilingualError
from parcours.i18n import t
from parcours.insights.drivers.analysis import DEFAULT_RESAMPLES
from parcours.insights.drivers.charts import importance_bars
from parcours.insights.drivers.evaluate import evaluate as run_evaluation
from parcours.insights.drivers.formats import number, pct
from parcours.insights.drivers.messages import (
    AmbiguousQuestionError,
    NoJourneyDataError,
    NoOverallQuestionError,
)
from parcours.insights.drivers.schemas import DriversResult
from parcours.insights.drivers.service import journey_drivers, skytrax_drivers
from parcours.insights.drivers.skytrax import Dataset, Target
from parcours.insights.drivers.summary import summary as drivers_summary
from parcours.insights.kano.charts import kano_chart
from parcours.insights.kano.service import file_kano, survey_kano
from parcours.insights.kano.summary import summary as kano_summary
from parcours.insights.kano.table import Category
from parcours.insights.peakend.charts import fit_side_by_side
from parcours.insights.peakend.messages import TooFewTripsError
from parcours.insights.peakend.schemas import Model, PeakEndResult
from parcours.insights.peakend.service import demo_peakend, journey_peakend, skytrax_peakend
from parcours.insights.peakend.summary import fit_table
from parcours.insights.peakend.summary import summary as peakend_summary

app = typer.Typer(
    help="Key drivers, peak-end and Kano: what drives the overall outcome.",
    no_args_is_help=True,
)

DataDir = Annotated[
    Path,
    typer.Option(envvar="PARCOURS_DATA_DIR", help="Folder of the public data sets (shared/data)."),
]
Lang = Annotated[str | None, typer.Option("--lang", help="Language of the output: fr or en.")]
SvgPath = Annotated[
    Path | None, typer.Option("--svg", help="Also write the chart to this SVG file.")
]
Seed = Annotated[int, typer.Option(help="Seed of the bootstrap and the folds.")]
Resamples = Annotated[int, typer.Option(min=1, help="Bootstrap resamples.")]


def _lang(lang: str | None) -> str:
    chosen = lang or STATE.lang
    return "fr" if chosen.lower().startswith("fr") else "en"


def _write(path: Path | None, chart: str) -> None:
    if path is not None:
        path.write_text(chart, encoding="utf-8")


@app.command("drivers")
def drivers(
    dataset: Annotated[Dataset, typer.Option(help="Skytrax reviews to analyse.")] = Dataset.LOUNGE,
    target: Annotated[Target, typer.Option(help="Outcome to explain.")] = Target.OVERALL,
    journey: Annotated[
        str | None, typer.Option(help="Analyse this journey of the store instead (steps).")
    ] = None,
    overall: Annotated[
        str | None, typer.Option(help="With --journey: the overall question's code.")
    ] = None,
    data_dir: DataDir = Path("../shared/data"),
    resamples: Resamples = DEFAULT_RESAMPLES,
    seed: Seed = 0,
    svg: SvgPath = None,
    lang: Lang = None,
) -> None:
    """Shapley value regression: each driver's share of the explained variance, with 95% CIs."""
    language = _lang(lang)
    result: DriversResult
    if journey is not None:
        with STATE.session() as session:
            result = journey_drivers(
                session,
                journey_code=journey,
                overall_question=overall,
                resamples=resamples,
                seed=seed,
            )
    else:
        result = skytrax_drivers(
            data_dir=data_dir, dataset=dataset, target=target, resamples=resamples, seed=seed
        )
    typer.echo(
        t("drivers_title", language, target=result.target_label(language), source=result.source)
    )
    typer.echo(t("drivers_headers", language).replace("|", " | "))
    for d in result.drivers:
        typer.echo(
            f"{d.rank:>2} | {d.label(language)} | {pct(d.share.value, language, 1)} | "
            f"[{pct(d.share.low, language, 1)} ; {pct(d.share.high, language, 1)}] | "
            f"{number(d.r2.value, language, 3)} | {pct(100 * d.top_rate, language)}"
        )
    typer.echo("")
    typer.echo(drivers_summary(result, language))
    _write(svg, importance_bars(result, language))


@app.command("peakend")
def peakend(
    journey: Annotated[
        str | None, typer.Option(help="Journey of the store whose customers to analyse.")
    ] = None,
    overall: Annotated[
        str | None, typer.Option(help="With --journey: the overall question's code.")
    ] = None,
    planted: Annotated[
        Model, typer.Option(help="Rule that makes the simulated trips' overall rating.")
    ] = Model.PEAK_END,
    data_dir: DataDir = Path("../shared/data"),
    resamples: Resamples = DEFAULT_RESAMPLES,
    seed: Seed = 0,
    svg: SvgPath = None,
    lang: Lang = None,
) -> None:
    """Worst moment and end against the duration-weighted mean: which explains the overall?"""
    language = _lang(lang)
    result: PeakEndResult | None = None
    if journey is not None:
        try:
            with STATE.session() as session:
                result = journey_peakend(
                    session,
                    journey_code=journey,
                    overall_question=overall,
                    resamples=resamples,
                    seed=seed,
                )
        except (
            NoOverallQuestionError,
            NoJourneyDataError,
            AmbiguousQuestionError,
            TooFewTripsError,
        ) as exc:
            typer.echo(t("peakend_fallback", language, reason=_reason(exc, language)))
    if result is None:
        if planted not in (Model.PEAK_END, Model.MEAN):
            raise typer.BadParameter("peak_end or mean", param_hint="--planted")
        result = demo_peakend(rule=planted, seed=seed, resamples=resamples)
    _print_peakend(result, language)
    _write(svg, fit_side_by_side(result, language))
    if (data_dir / "skytrax").is_dir():
        for dataset in (Dataset.SEAT, Dataset.LOUNGE):
            typer.echo("")
            real = skytrax_peakend(
                data_dir=data_dir, dataset=dataset, resamples=resamples, seed=seed
            )
            _print_peakend(real, language)


def _print_peakend(result: PeakEndResult, lang: str) -> None:
    for row in fit_table(result, lang):
        typer.echo(row)
    typer.echo(peakend_summary(result, lang))


def _reason(exc: BilingualError, lang: str) -> str:
    return exc.message(lang).rstrip(".")


@app.command("kano")
def kano(
    file: Annotated[
        Path | None,
        typer.Argument(help="CSV with columns respondent, element, functional, dysfunctional."),
    ] = None,
    survey: Annotated[
        str | None, typer.Option(help="Read the answers of this survey of the store instead.")
    ] = None,
    svg: SvgPath = None,
    lang: Lang = None,
) -> None:
    """Kano categories, CS+/CS- coefficients, irritants and enchantment opportunities."""
    language = _lang(lang)
    if (file is None) == (survey is None):
        raise typer.BadParameter("give a CSV file or --survey CODE, one of the two")
    if file is not None:
        result = file_kano(path=file)
    else:
        with STATE.session() as session:
            result = survey_kano(session, survey_code=str(survey))
    typer.echo(t("kano_headers", language).replace("|", " | "))
    for e in result.elements:
        counts = " | ".join(str(e.counts[c]) for c in Category)
        typer.echo(
            f"{e.element} | {t(f'kano_category_{e.category.value}', language)} | {counts} | "
            f"{number(e.cs_plus, language)} | {number(e.cs_minus, language)} | {e.n}"
        )
    typer.echo("")
    typer.echo(kano_summary(result, language))
    _write(svg, kano_chart(result, language))


@app.command("evaluate")
def evaluate(
    data_dir: DataDir = Path("../shared/data"),
    runs: Annotated[int, typer.Option(min=1, help="Seeded runs per planted check.")] = 100,
) -> None:
    """Planted-driver and planted-rule recovery, real-data figures, Kano literature examples."""
    for name, value in run_evaluation(data_dir=data_dir, runs=runs).items():
        typer.echo(f"{name} {value:.4f}")
