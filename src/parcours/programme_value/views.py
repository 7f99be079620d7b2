"""The value page: the auditable calculation, its sensitivity, and the assumptions form."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from parcours.errors import BilingualError
from parcours.programme_value import service
from parcours.programme_value.calculation import Source
from parcours.programme_value.display import HUNDRED, amount, plain, shown, symbol_value
from parcours.programme_value.schemas import Assumptions
from parcours.store.base import utcnow
from parcours.web import words_maturity  # noqa: F401  (registers the page's words)
from parcours.web.deps import SessionDep
from parcours.web.pages import render
from parcours.web.signin import CsrfDep, LangDep, ViewerDep

router = APIRouter(tags=["pages"], include_in_schema=False)
FIELDS = {
    "margin": ("margin", "marge"),
    "churn_pct": ("churn rate (%)", "taux d'attrition (%)"),
    "save_pct": ("share saved (%)", "part sauvée (%)"),
    "horizon_years": ("horizon (years)", "horizon (ans)"),
    "currency": ("currency", "devise"),
}


class AssumptionError(BilingualError, ValueError):
    """A value of the assumptions form that is not a number, or out of range."""


def number(field: str, raw: str) -> Decimal:
    """A decimal typed by a person: "12,5" (French) as well as "12.5"."""
    text = raw.strip().replace("\u202f", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        en, fr = FIELDS[field]
        raise AssumptionError(
            en=f"field {en}: {raw!r} is not a number",
            fr=f"champ {fr} : {raw!r} n'est pas un nombre",
        )
    return value


def parse_form(
    margin: str, churn_pct: str, save_pct: str, horizon_years: str, currency: str
) -> Assumptions:
    values = {
        "margin": number("margin", margin).quantize(Decimal("0.01")),
        "churn_rate": (number("churn_pct", churn_pct) / HUNDRED).quantize(Decimal("0.0001")),
        "save_share": (number("save_pct", save_pct) / HUNDRED).quantize(Decimal("0.0001")),
        "horizon_years": number("horizon_years", horizon_years).quantize(Decimal("0.01")),
        "currency": currency.strip().upper(),
    }
    try:
        return Assumptions(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0])
        field = {"churn_rate": "churn_pct", "save_share": "save_pct"}.get(name, name)
        en, fr = FIELDS[field]
        raise AssumptionError(
            en=f"field {en}: {first['msg']} (got {values[name]})",
            fr=f"champ {fr} : valeur refusée ({values[name]}) : {first['msg']}",
        ) from None


@router.get("/value", response_class=HTMLResponse)
def value_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    lang: LangDep,
    days: Annotated[int, Query(ge=1, le=36_500)] = service.PERIOD_DAYS,
) -> HTMLResponse:
    view = service.programme_value(session, actor=viewer.actor, now=utcnow(), days=days)
    a = view.assumptions
    return render(
        request,
        "programme_value/page.html",
        lang=lang,
        viewer=viewer,
        title_key="val_title",
        view=view,
        days=days,
        counts={
            key: plain(Decimal(getattr(view.stored, key)), lang)
            for key in ("customers", "at_risk", "treated_at_risk", "gestures_count")
        },
        lines=[
            {
                "code": line.code,
                "formula": line.formula,
                "inputs": [
                    (sym, symbol_value(sym, v, lang), src.value) for sym, v, src in line.inputs
                ],
                "result": shown(line.code, line.result, lang),
                "stored": line.source is Source.STORED,
            }
            for line in view.lines
        ],
        sensitivity=[
            (r.assumption, amount(r.low, lang), amount(r.base, lang), amount(r.high, lang))
            for r in view.sensitivity
        ],
        form={
            "margin": f"{a.margin:f}",
            "churn_pct": f"{(a.churn_rate * HUNDRED).normalize():f}",
            "save_pct": f"{(a.save_share * HUNDRED).normalize():f}",
            "horizon_years": f"{a.horizon_years.normalize():f}",
            "currency": a.currency,
        },
        others=", ".join(
            f"{c} {amount(v, lang)} ({n})" for c, n, v in view.stored.other_currencies
        ),
    )


@router.post("/value", dependencies=[CsrfDep])
def save_assumptions(
    session: SessionDep,
    viewer: ViewerDep,
    margin: Annotated[str, Form(max_length=40)],
    churn_pct: Annotated[str, Form(max_length=40)],
    save_pct: Annotated[str, Form(max_length=40)],
    horizon_years: Annotated[str, Form(max_length=40)],
    currency: Annotated[str, Form(max_length=3)] = "EUR",
    days: Annotated[int, Query(ge=1, le=36_500)] = service.PERIOD_DAYS,
) -> Response:
    data = parse_form(margin, churn_pct, save_pct, horizon_years, currency)
    service.save_assumptions(session, actor=viewer.actor, data=data, now=utcnow())
    return RedirectResponse(f"/value?days={days}", status_code=303)
