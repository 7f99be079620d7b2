"""`parcours maturity evidence` and `parcours value compute`: the evidence Parcours holds on
each level of the experience pyramid, and the programme's value calculation, from the
command line (a local operator, reading only)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from parcours.cli.context import STATE
from parcours.i18n import t
from parcours.insights.churn import telco
from parcours.maturity.display import show
from parcours.programme_value import calculation
from parcours.programme_value.display import shown, symbol_value
from parcours.store.base import utcnow
from parcours.web import words_maturity  # noqa: F401  (registers the words)

maturity_app = typer.Typer(
    help="Maturity on the customer-experience pyramid.", no_args_is_help=True
)
value_app = typer.Typer(
    help="The programme's value: churn, retention, gestures.", no_args_is_help=True
)


def _decimal(text: str | None, option: str) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise typer.BadParameter(f"{text!r} is not a number", param_hint=option) from None
    if not value.is_finite():
        raise typer.BadParameter(f"{text!r} is not a number", param_hint=option)
    return value


@maturity_app.command("evidence")
def evidence_table(
    days: Annotated[int, typer.Option(help="Over the last N days.", min=1)] = 365,
) -> None:
    """What Parcours holds on each level: call-backs, SLAs, rules, gestures, verbatims..."""
    # It reads the churn service, which loads scikit-learn: only this command needs it.
    from parcours.maturity import evidence  # noqa: PLC0415

    until = utcnow()
    with STATE.session() as session:
        found = evidence.compute(session, since=until - timedelta(days=days), until=until)
    lang = STATE.lang
    table = Table(title=f"{t('mat_evidence', lang)} — {t('mat_evidence_period', lang, days=days)}")
    for header in t("mat_evidence_headers", lang).split("|"):
        table.add_column(header)
    for e in found:
        table.add_row(
            t(f"ev_{e.code}", lang),
            show(e.unit, e.value, lang),
            "" if e.denominator is None else str(e.denominator),
            e.source,
            e.detail,
        )
    STATE.console.print(table)


@value_app.command("compute")
def compute(
    margin: Annotated[
        str | None, typer.Option(help="Margin per customer per year (else the saved one).")
    ] = None,
    churn: Annotated[str | None, typer.Option(help="Yearly churn rate, 0-1.")] = None,
    save: Annotated[
        str | None, typer.Option(help="Share of treated at-risk customers saved, 0-1.")
    ] = None,
    horizon: Annotated[str | None, typer.Option(help="Longest lifetime, in years.")] = None,
    days: Annotated[int, typer.Option(help="Stored data of the last N days.", min=1)] = 365,
    risks: Annotated[
        Path | None,
        typer.Option(
            help="CSV of customers (telco format): their mean churn-model risk is the churn rate."
        ),
    ] = None,
    risk_horizon_months: Annotated[
        int | None,
        typer.Option(
            help="Months the model's risk runs over (its training label; telco: 1). Required "
            "with --risks: the risk is turned into a yearly rate.",
            min=1,
        ),
    ] = None,
) -> None:
    """The calculation line by line: formula, inputs (stored or assumed), result; then the
    net value at -20 % and +20 % of each assumption. Options override the saved assumptions
    for this run only."""
    # It reads the churn service, which loads scikit-learn: only this command needs it.
    from parcours.programme_value import service as value_service  # noqa: PLC0415

    lang = STATE.lang
    until = utcnow()
    with STATE.session() as session:
        saved, _ = value_service.current_assumptions(session)
        changes = {
            key: value
            for key, value in (
                ("margin", _decimal(margin, "--margin")),
                ("churn_rate", _decimal(churn, "--churn")),
                ("save_share", _decimal(save, "--save")),
                ("horizon_years", _decimal(horizon, "--horizon")),
            )
            if value is not None
        }
        assumptions = type(saved).model_validate(saved.model_dump() | changes)
        stored = value_service.stored_inputs(
            session, since=until - timedelta(days=days), until=until, currency=assumptions.currency
        )
        model_rate = None
        if risks is not None:
            if not risks.is_file():
                raise telco.ChurnInputError(en=f"no file {risks}", fr=f"pas de fichier {risks}")
            if risk_horizon_months is None:
                raise typer.BadParameter(
                    "say over how many months the model's risk runs (telco: 1)",
                    param_hint="--risk-horizon-months",
                )
            customers = telco.read_csv(risks).customers
            model_rate = value_service.model_churn_rate(
                session, customers=customers, now=until, horizon_months=risk_horizon_months
            )
    inputs = calculation.Inputs(
        customers=stored.customers,
        margin=assumptions.margin,
        churn_rate=assumptions.churn_rate if model_rate is None else model_rate,
        churn_source=calculation.Source.ASSUMPTION
        if model_rate is None
        else calculation.Source.MODEL,
        treated_at_risk=stored.treated_at_risk,
        save_share=assumptions.save_share,
        horizon_years=assumptions.horizon_years,
        gestures_cost=stored.gestures_cost,
    )
    table = Table(title=f"{t('val_title', lang)} ({assumptions.currency})")
    for header in t("val_cli_headers", lang).split("|"):
        table.add_column(header)
    for line in calculation.lines(inputs):
        table.add_row(
            t(f"val_line_{line.code}", lang),
            line.formula,
            "; ".join(
                f"{sym} = {symbol_value(sym, v, lang)} ({t(f'val_src_{src.value}', lang)})"
                for sym, v, src in line.inputs
            ),
            shown(line.code, line.result, lang),
        )
    STATE.console.print(table)
    sensitivity = Table(title=t("val_sensitivity", lang))
    for key in ("val_assumption", "val_low", "val_base", "val_high"):
        sensitivity.add_column(t(key, lang))
    for row in calculation.sensitivity(inputs):
        sensitivity.add_row(
            t(f"val_name_{row.assumption}", lang),
            *(shown("", v, lang) for v in (row.low, row.base, row.high)),
        )
    STATE.console.print(sensitivity)
