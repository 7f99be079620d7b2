"""`parcours followups ...` (plans, purchases, sending what is due) and `parcours signature
...` (check a message, measure the check on the labelled set), run by a local operator."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from parcours.accounts.roles import Actor, Role
from parcours.cli.context import STATE, parse_moment
from parcours.config import secret_key
from parcours.followups import plans_file
from parcours.followups import service as followups_service
from parcours.followups.schemas import PurchaseIn
from parcours.i18n import t
from parcours.journeys import service as journeys_service
from parcours.signature import scan as signature_scan
from parcours.signature import service as signature_service
from parcours.web import words_followups  # noqa: F401  (registers the commands' words)

app = typer.Typer(help="After-sale follow-ups: plans, purchases, sending.", no_args_is_help=True)
signature_app = typer.Typer(
    help="Relational signature: flag generic brand talk in outgoing messages.",
    no_args_is_help=True,
)
# The operator at the command line acts as the system (as `parcours outbox deliver` does).
OPERATOR = Actor.system()
LABELLED = Path(__file__).parents[3] / "tests" / "data" / "signature" / "messages.csv"


@app.command("plans")
def plans(file: Annotated[Path, typer.Argument(help="YAML list of plans.", exists=True)]) -> None:
    """Create or replace follow-up plans (journey and step named by their codes)."""
    with STATE.session() as session:
        docs = plans_file.read_plans(session, path=file)
        now = datetime.now(UTC)
        for doc in docs:
            followups_service.save_plan(session, actor=OPERATOR, data=doc, now=now)
        session.commit()
    STATE.console.print(t("fu_cli_plans", STATE.lang, n=len(docs)))


@app.command("purchase")
def purchase(
    reference: Annotated[str, typer.Option(help="Receipt number (recorded once).")],
    customer: Annotated[str, typer.Option(help="Customer reference (external id).")],
    product: Annotated[str, typer.Option(help="What was bought.")],
    amount: Annotated[str, typer.Option(help="Amount, e.g. 180.00.")],
    date: Annotated[str | None, typer.Option(help="When (ISO date or moment, UTC).")] = None,
    name: Annotated[str | None, typer.Option(help="The customer's name.")] = None,
    email: Annotated[str | None, typer.Option(help="E-mail, for a new customer.")] = None,
    lang: Annotated[str | None, typer.Option(help="fr or en, for a new customer.")] = None,
    currency: Annotated[str, typer.Option(help="ISO currency.")] = "EUR",
    partner: Annotated[str | None, typer.Option(help="Partner code of the seller.")] = None,
) -> None:
    """Record a purchase and schedule its follow-ups."""
    try:
        cents = int(Decimal(amount) * 100)
    except InvalidOperation:
        raise typer.BadParameter(f"{amount!r} is not an amount", param_hint="--amount") from None
    when = parse_moment(date, "--date") if date else datetime.now(UTC)
    with STATE.session() as session:
        partner_id = journeys_service.require_partner(session, code=partner).id if partner else None
        data = PurchaseIn(
            reference=reference, customer=customer, customer_name=name, email=email,
            language=lang, product=product, amount_cents=cents, currency=currency,
            purchased_at=when, partner_id=partner_id,
        )  # fmt: skip
        bought = followups_service.record_purchase(
            session, actor=OPERATOR, data=data, now=datetime.now(UTC)
        )
        n = len(followups_service.customer_followups(
            session, actor=OPERATOR, customer_id=bought.customer_id
        ))  # fmt: skip
        session.commit()
    STATE.console.print(t("fu_cli_purchase", STATE.lang, reference=reference, n=n))


@app.command("send-due")
def send_due(
    now: Annotated[
        str | None, typer.Option(help="The moment to send for (default: now), ISO, UTC.")
    ] = None,
    base_url: Annotated[
        str | None, typer.Option(help="Public address of the reply pages (PARCOURS_PUBLIC_URL).")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.", min=1)] = None,
) -> None:
    """Queue the follow-ups that are due in the outbox (each once); run it every hour."""
    moment = parse_moment(now, "--now") if now else datetime.now(UTC)
    with STATE.session() as session:
        report = followups_service.send_due(
            session, now=moment, secret=secret_key(), base_url=base_url, limit=limit
        )
        session.commit()
    STATE.console.print(t("fu_cli_sent", STATE.lang, queued=report.queued, skipped=report.skipped))


@app.command("analyse-replies")
def analyse_replies() -> None:
    """Analyse the replies received (and any verbatim not annotated yet); run it after
    send-due. Resumable: each batch is committed."""
    with STATE.session() as session:
        n = followups_service.analyse_replies(session, commit=session.commit)
        session.commit()
    STATE.console.print(t("fu_cli_analysed", STATE.lang, n=n))


@signature_app.command("check")
def check(
    message: Annotated[str, typer.Argument(help="A file holding the message, or the text.")],
    lang: Annotated[str | None, typer.Option(help="fr or en (default: detected).")] = None,
    name: Annotated[str | None, typer.Option(help="The customer's name, for rewrites.")] = None,
    fact: Annotated[str | None, typer.Option(help="The concrete fact, for rewrites.")] = None,
) -> None:
    """Flag the sentences of a message that speak generic brand talk; exit 1 if any."""
    path = Path(message)
    text = path.read_text(encoding="utf-8") if len(message) < 4096 and path.is_file() else message
    if lang is not None and lang not in ("fr", "en"):
        raise typer.BadParameter(f"{lang!r}: use fr or en", param_hint="--lang")
    result = signature_service.check_text(text, lang=lang, name=name, fact=fact)
    out = STATE.console
    if not result.flags:
        out.print(t("sig_clean", STATE.lang))
        return
    out.print(t("sig_flags", STATE.lang, n=len(result.flags)))
    for flag in result.flags:
        reason = flag.reason_fr if STATE.lang == "fr" else flag.reason_en
        out.print(f"- [{flag.code}] {flag.sentence}\n    {reason}\n    -> {flag.rewrite}")
    raise typer.Exit(1)


@signature_app.command("scan")
def scan() -> None:
    """Check every message Parcours sends (follow-up templates, rules' messages); exit 1 if
    any sentence is flagged."""
    with STATE.session() as session:
        # Reading the rules is for administrators: the local operator acts as one.
        found = signature_scan.scan(session, actor=Actor(user_id=None, role=Role.ADMIN))
    flagged = 0
    for item in found:
        for flag in item.result.flags:
            flagged += 1
            reason = flag.reason_fr if STATE.lang == "fr" else flag.reason_en
            STATE.console.print(
                f"{item.source} [{item.lang}] {flag.sentence}\n    {reason}\n    -> {flag.rewrite}"
            )
    STATE.console.print(t("sig_scanned", STATE.lang, n=len(found), flagged=flagged))
    if flagged:
        raise typer.Exit(1)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


@signature_app.command("evaluate")
def evaluate(
    file: Annotated[Path, typer.Option(help="Labelled CSV: text,lang,label,split.")] = LABELLED,
    given_lang: Annotated[
        bool, typer.Option(help="Use the labelled language instead of detecting it.")
    ] = False,
) -> None:
    """Precision and recall of "generic" per part (dev, held-out) and language."""
    figures = signature_service.evaluate(
        signature_service.read_labelled(file), detect=not given_lang
    )
    table = Table("split", "lang", "n", "generic", "TP", "FP", "FN", "P", "R",
                  "P markers", "R markers")  # fmt: skip
    for f in figures:
        table.add_row(
            f.split, f.lang, str(f.messages), str(f.generic), str(f.true_positives),
            str(f.false_positives), str(f.false_negatives), _pct(f.precision), _pct(f.recall),
            _pct(f.marker_precision), _pct(f.marker_recall),
        )  # fmt: skip
    STATE.console.print(table)
    STATE.console.print(t("sig_cli_note", STATE.lang))


__all__ = ["app", "signature_app"]
