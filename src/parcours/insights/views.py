"""The insight pages: one card per analysis on /insights, then a page for each with its chart,
its method, its sample size and its uncertainty in plain words. Results are computed on
demand and kept in memory per set of parameters (they depend on public data or seeds only)."""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import numpy as np
from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from parcours.errors import BilingualError
from parcours.insights import auth
from parcours.insights.churn import actions as churn_actions
from parcours.insights.churn import charts as churn_charts
from parcours.insights.churn import model as churn_model
from parcours.insights.churn import scoring as churn_scoring
from parcours.insights.churn import telco
from parcours.insights.churn.schemas import CustomerScore
from parcours.insights.drivers import charts as drivers_charts
from parcours.insights.drivers import service as drivers_service
from parcours.insights.drivers import summary as drivers_summary
from parcours.insights.drivers.schemas import DriversResult
from parcours.insights.drivers.skytrax import Dataset, Target
from parcours.insights.kano import charts as kano_charts
from parcours.insights.kano import service as kano_service
from parcours.insights.kano import summary as kano_summary
from parcours.insights.peakend import charts as peakend_charts
from parcours.insights.peakend import service as peakend_service
from parcours.insights.peakend import summary as peakend_summary
from parcours.insights.peakend.schemas import Model, PeakEndResult
from parcours.insights.recs import charts as recs_charts
from parcours.insights.recs import service as recs_service
from parcours.insights.recs import summary as recs_summary
from parcours.web import words_insights  # noqa: F401  (registers the insight pages' words)
from parcours.web.pages import render
from parcours.web.signin import CsrfDep, LangDep, ViewerDep

router = APIRouter(tags=["pages"], include_in_schema=False)
MAX_UPLOAD = 5_000_000


def data_dir() -> Path:
    return Path(os.environ.get("PARCOURS_DATA_DIR", "../shared/data"))


@lru_cache(maxsize=16)
def _drivers(folder: str, dataset: str, target: str) -> DriversResult:
    return drivers_service.skytrax_drivers(
        data_dir=Path(folder), dataset=Dataset(dataset), target=Target(target)
    )


@lru_cache(maxsize=8)
def _peakend(folder: str, source: str) -> PeakEndResult:
    if source in ("lounge", "seat"):
        return peakend_service.skytrax_peakend(data_dir=Path(folder), dataset=Dataset(source))
    return peakend_service.demo_peakend(rule=Model(source))


@router.get("/insights", response_class=HTMLResponse)
def hub(request: Request, viewer: ViewerDep, lang: LangDep) -> HTMLResponse:
    auth.require_reader(viewer.actor)
    return render(request, "insights/hub.html", lang=lang, viewer=viewer, title_key="ins_title")


@router.get("/insights/drivers", response_class=HTMLResponse)
def drivers(
    request: Request,
    viewer: ViewerDep,
    lang: LangDep,
    dataset: Dataset = Dataset.LOUNGE,
    target: Target = Target.RECOMMENDED,
) -> HTMLResponse:
    auth.require_reader(viewer.actor)
    result = _drivers(str(data_dir()), dataset.value, target.value)
    return render(
        request,
        "insights/analysis.html",
        lang=lang,
        viewer=viewer,
        title_key="ins_drivers",
        summary=drivers_summary.summary(result, lang),
        chart=Markup(drivers_charts.importance_bars(result, lang)),
        notes=result.notes(lang),
        facts=[
            ("ins_method", f"Shapley (LMG) · {result.method.value}"),
            ("ins_n", f"{result.n} / {result.n_rows}"),
            ("ins_resamples", str(result.resamples)),
            ("ins_r2", f"{result.r2.value:.3f} [{result.r2.low:.3f}; {result.r2.high:.3f}]"),
        ],
        choices=[
            (f"?dataset={d.value}&target={t.value}", f"{d.value} → {t.value}")
            for d in Dataset
            for t in Target
        ],
    )


@router.get("/insights/peakend", response_class=HTMLResponse)
def peakend(
    request: Request, viewer: ViewerDep, lang: LangDep, source: str = "peak_end"
) -> HTMLResponse:
    auth.require_reader(viewer.actor)
    sources = ["peak_end", "mean", "lounge", "seat"]
    result = _peakend(str(data_dir()), source if source in sources else "peak_end")
    return render(
        request,
        "insights/analysis.html",
        lang=lang,
        viewer=viewer,
        title_key="ins_peakend",
        summary=peakend_summary.summary(result, lang),
        chart=Markup(peakend_charts.fit_side_by_side(result, lang)),
        notes=peakend_summary.fit_table(result, lang),
        facts=[
            ("ins_method", "OLS · CV R² · bootstrap"),
            ("ins_n", f"{result.n} / {result.n_rows}"),
            ("ins_resamples", str(result.resamples)),
            (
                "ins_cv_diff",
                f"{result.cv_diff.value:+.3f} "
                f"[{result.cv_diff.low:+.3f}; {result.cv_diff.high:+.3f}]",
            ),
        ],
        choices=[(f"?source={s}", s) for s in sources],
    )


@router.get("/insights/kano", response_class=HTMLResponse)
def kano_page(request: Request, viewer: ViewerDep, lang: LangDep) -> HTMLResponse:
    auth.require_reader(viewer.actor)
    return render(request, "insights/kano.html", lang=lang, viewer=viewer, title_key="ins_kano")


@router.post("/insights/kano", response_class=HTMLResponse, dependencies=[CsrfDep])
async def kano_upload(
    request: Request,
    viewer: ViewerDep,
    lang: LangDep,
    file: Annotated[UploadFile, Form()],
) -> HTMLResponse:
    auth.require_reader(viewer.actor)
    content = await file.read(MAX_UPLOAD + 1)
    if len(content) > MAX_UPLOAD:
        raise ValueError(f"file over {MAX_UPLOAD // 1_000_000} MB")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (Path(file.filename or "kano.csv").name or "kano.csv")
        path.write_bytes(content)
        try:
            result = kano_service.file_kano(path=path)
        except ValueError as exc:
            return render(
                request,
                "insights/kano.html",
                lang=lang,
                viewer=viewer,
                title_key="ins_kano",
                status_code=422,
                error=exc.message(lang) if isinstance(exc, BilingualError) else str(exc),
            )
    return render(
        request,
        "insights/kano.html",
        lang=lang,
        viewer=viewer,
        title_key="ins_kano",
        result=result,
        summary=kano_summary.summary(result, lang),
        chart=Markup(kano_charts.kano_chart(result, lang)),
    )


@lru_cache(maxsize=4)
def _churn(folder: str, lang: str) -> tuple[list[CustomerScore], dict[str, float], int]:
    customers, _labels = telco.load_public(Path(folder))
    scores = churn_scoring.score(customers, model=churn_model.load(), lang=lang)
    risks = np.array([s.risk for s in scores])
    value = churn_actions.decile_value(risks, [s.action for s in scores])
    ranked = sorted(scores, key=lambda s: -s.risk)
    return ranked[:25], value, len(scores)


@router.get("/insights/churn", response_class=HTMLResponse)
def churn(request: Request, viewer: ViewerDep, lang: LangDep) -> HTMLResponse:
    auth.require_reader(viewer.actor)
    top, value, n = _churn(str(data_dir()), lang)
    return render(
        request,
        "insights/churn.html",
        lang=lang,
        viewer=viewer,
        title_key="ins_churn",
        top=top,
        value=value,
        n=n,
        chart=Markup(churn_charts.reasons_svg(top[0], lang=lang)) if top else "",
    )


@router.get("/insights/recs", response_class=HTMLResponse)
def recs(
    request: Request,
    viewer: ViewerDep,
    lang: LangDep,
    user: int = 1,
    item: int | None = None,
) -> HTMLResponse:
    """A customer's suggestions with their match %, and alternatives to an unavailable title."""
    auth.require_reader(viewer.actor)
    folder = data_dir()
    result = recs_service.recommend(data_dir=folder, user_id=user, n=10)
    alternatives = (
        recs_service.alternatives(data_dir=folder, item_id=item, n=8) if item is not None else []
    )
    return render(
        request,
        "insights/recs.html",
        lang=lang,
        viewer=viewer,
        title_key="ins_recs",
        result=result,
        summary=recs_summary.summary(result, lang),
        chart=Markup(recs_charts.recommendations_svg(result, lang=lang)),
        alternatives=alternatives,
        user=user,
        item=item,
    )
