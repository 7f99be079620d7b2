"""The journey dashboard pages: the step map, the three maps and a step's verbatims."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from parcours.accounts.roles import Role
from parcours.cases import service as cases_service
from parcours.journeys import dashboard as dashboard_service
from parcours.journeys import portal as portal_service
from parcours.journeys import service as journeys_service
from parcours.journeys.feelings import FEELING_LABELS, Feeling
from parcours.journeys.portal import PortalDeniedError
from parcours.metrics.formulas import DEFAULT_MIN_SAMPLE
from parcours.text.taxonomy.loader import default_taxonomy
from parcours.web.charts import trend_chart
from parcours.web.deps import SessionDep
from parcours.web.pages import render
from parcours.web.signin import LangDep, ViewerDep

router = APIRouter(tags=["pages"], include_in_schema=False)


def _labels(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """Names of the text engine's themes and of the target feelings, in the page's language."""
    themes = {e.id: e.label.get(lang, e.id) for e in default_taxonomy().entries}
    return themes, {f.value: FEELING_LABELS[f][lang] for f in Feeling}


def _filters(request: Request) -> tuple[dashboard_service.Filters, dict[str, str]]:
    """Filters from the query string; bad dates are ignored rather than failing the page."""
    q = request.query_params
    raw = {k: q.get(k, "").strip() for k in ("since", "until", "channel", "country", "segment")}

    def day(value: str) -> datetime | None:
        try:
            return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None
        except ValueError:
            return None

    filters = dashboard_service.Filters(
        since=day(raw["since"]),
        until=day(raw["until"]),
        channels=(raw["channel"],) if raw["channel"] else (),
        countries=(raw["country"].upper(),) if raw["country"] else (),
        segments=(raw["segment"],) if raw["segment"] else (),
    )
    return filters, raw


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep) -> Response:
    role = viewer.actor.role
    if role is Role.PARTNER:
        return RedirectResponse("/partner", status_code=303)
    if role in (Role.AGENT,):
        return RedirectResponse("/desk", status_code=303)
    if role is Role.EMPLOYEE:
        return RedirectResponse("/insights", status_code=303)
    journeys = journeys_service.list_journeys(session)
    if not journeys:
        return render(request, "empty.html", lang=lang, viewer=viewer, title_key="web_no_journey")
    return RedirectResponse(f"/journeys/{journeys[0].code}", status_code=303)


@router.get("/journeys/{code}", response_class=HTMLResponse)
def journey_page(
    code: str, request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep
) -> HTMLResponse:
    filters, raw = _filters(request)
    board = dashboard_service.journey_dashboard(
        session, actor=viewer.actor, code=code, lang=lang, filters=filters
    )
    return render(
        request,
        "dashboard.html",
        lang=lang,
        viewer=viewer,
        title_key="web_dashboard_title",
        title_values={"name": board.name},
        board=board,
        raw=raw,
        query=request.url.query,
        min_sample=DEFAULT_MIN_SAMPLE,
        theme_labels=_labels(lang)[0],
        feeling_labels=_labels(lang)[1],
    )


@router.get("/journeys/{code}/steps/{step}", response_class=HTMLResponse)
def step_page(
    code: str, step: str, request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep
) -> HTMLResponse:
    filters, raw = _filters(request)
    name, verbatims = dashboard_service.step_verbatims(
        session, actor=viewer.actor, code=code, step_code=step, lang=lang, filters=filters
    )
    return render(
        request,
        "step.html",
        lang=lang,
        viewer=viewer,
        title_key="web_step_title",
        title_values={"name": name},
        code=code,
        verbatims=verbatims,
        theme_labels=_labels(lang)[0],
        feeling_labels=_labels(lang)[1],
        raw=raw,
        query=request.url.query,
    )


SCALES = {
    "nps": (-100, 100),
    "enps": (-100, 100),
    "ces5": (1, 5),
    "ces7": (1, 7),
    "rating": (1, 10),
}


@router.get("/partner", response_class=HTMLResponse)
def partner_portal(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    lang: LangDep,
    partner: int | None = None,
) -> HTMLResponse:
    """A partner's user sees its own partner; overseers pick one with ?partner=ID."""
    partner_id = viewer.actor.partner_id if viewer.actor.role is Role.PARTNER else partner
    if partner_id is None:
        raise PortalDeniedError(
            en="choose a partner: /partner?partner=ID",
            fr="choisissez un partenaire : /partner?partner=ID",
        )
    card = portal_service.scorecard(session, actor=viewer.actor, partner_id=partner_id, lang=lang)
    charts = []
    for step in card.steps:
        chart = None
        if step.trend:
            kind = step.trend[-1][1].kind.value
            low, high = SCALES.get(kind, (0, 100))
            chart = trend_chart(
                [(p, r.value, r.low, r.high) for p, r in step.trend if r.kind.value == kind],
                low=low,
                high=high,
                title=f"{step.name}: {step.trend[-1][1].metric}",
            )
        charts.append((step, chart))
    cases = (
        cases_service.queue(session, actor=viewer.actor)
        if viewer.actor.role is Role.PARTNER
        else []
    )
    return render(
        request,
        "partner.html",
        lang=lang,
        viewer=viewer,
        title_key="portal_title",
        title_values={"name": card.partner_name},
        card=card,
        charts=charts,
        cases=cases,
        feeling_labels={f.value: FEELING_LABELS[f][lang] for f in Feeling},
        theme_labels=_labels(lang)[0],
    )
