"""Churn risk of Parcours customers: the model's risk raised by unresolved dissatisfaction seen
in Parcours (open cases, detractor answers with no case nor call-back), as a log-odds
adjustment whose coefficients are assumptions stated in `adjustments.yaml`; and a rules event
for each customer over the threshold, so that a rule can act (open a case, grant a gesture).

Cases and feedback are read through their domains' service functions only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor
from parcours.cases import service as cases_service
from parcours.cases.states import ACTIVE, CaseStatus
from parcours.customers import service as customers_service
from parcours.feedback import service as feedback_service
from parcours.insights.churn import model as churn_model
from parcours.insights.churn import reasons, scoring
from parcours.insights.churn.actions import Catalogue
from parcours.insights.churn.features import Frame
from parcours.insights.churn.model import ChurnModel
from parcours.insights.churn.reasons import Adjustment
from parcours.insights.churn.schemas import CustomerRisk, TelcoCustomer
from parcours.rules import service as rules_service
from parcours.rules.schemas import EventIn, RunReport

ADJUSTMENTS = Path(__file__).parent / "adjustments.yaml"
PAGE = 2000


@dataclass(frozen=True)
class Signals:
    open_cases: int = 0
    unanswered_detractors: int = 0


class RiskAdjustments(BaseModel):
    """The assumed log-odds of each Parcours signal (see adjustments.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    open_case: float = Field(ge=0)
    max_open_cases: int = Field(ge=0)
    unanswered_detractor: float = Field(ge=0)
    max_unanswered_detractors: int = Field(ge=0)
    detractor_max_nps: float = Field(ge=0, le=10)
    lookback_days: int = Field(ge=1)
    event_threshold: float = Field(gt=0, lt=1)
    event_type: str = Field(min_length=1, max_length=64)

    def of(self, signals: Signals) -> list[Adjustment]:
        """The log-odds each signal adds, capped: the tenth open case says little more."""
        return [
            Adjustment(
                "parcours_open_case",
                self.open_case * min(signals.open_cases, self.max_open_cases),
                signals.open_cases,
            ),
            Adjustment(
                "parcours_detractor",
                self.unanswered_detractor
                * min(signals.unanswered_detractors, self.max_unanswered_detractors),
                signals.unanswered_detractors,
            ),
        ]


def load_adjustments(path: Path = ADJUSTMENTS) -> RiskAdjustments:
    return RiskAdjustments.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def default_model() -> ChurnModel:
    return churn_model.load()


def _detractors(
    session: Session, *, customer_ids: set[int], since: datetime, until: datetime, max_nps: float
) -> dict[int, list[int]]:
    """Each customer's responses of [since, until) with an NPS answer of at most `max_nps`,
    read customer by customer (newest first), so the cost follows the customers asked about."""
    found: dict[int, list[int]] = {}
    for cid in customer_ids:
        ids = feedback_service.customer_response_ids(session, customer_id=cid, limit=PAGE)
        for facts in feedback_service.response_facts(session, response_ids=ids):
            nps = facts.kinds.get("nps")
            if since <= facts.submitted_at < until and nps is not None and nps <= max_nps:
                found.setdefault(cid, []).append(facts.response_id)
    return found


def signals(
    session: Session, *, customer_ids: set[int], now: datetime, config: RiskAdjustments
) -> dict[int, Signals]:
    """Open cases and unanswered detractors of each customer (store ids)."""
    detractors = _detractors(
        session,
        customer_ids=customer_ids,
        since=now - timedelta(days=config.lookback_days),
        until=now,
        max_nps=config.detractor_max_nps,
    )
    out: dict[int, Signals] = {}
    for cid in customer_ids:
        cases = cases_service.customer_cases(session, customer_id=cid)
        open_cases = [c for c in cases if CaseStatus(c.status) in ACTIVE]
        # A response is answered when a case on it is still being worked on (it counts as that
        # open case) or when a call-back was done on one.
        answered = {c.response_id for c in open_cases} | {
            c.response_id for c in cases if cases_service.called_back(c)
        }
        unanswered = [r for r in detractors.get(cid, []) if r not in answered]
        out[cid] = Signals(open_cases=len(open_cases), unanswered_detractors=len(unanswered))
    return out


def parcours_risks(
    session: Session,
    *,
    customers: Sequence[TelcoCustomer],
    now: datetime,
    lang: str = "en",
    model: ChurnModel | None = None,
    config: RiskAdjustments | None = None,
    catalogue: Catalogue | None = None,
) -> list[CustomerRisk]:
    """The churn risk of Parcours customers, known by their external id (`customerID`).

    The telco attributes come from the caller (a CRM export); Parcours adds what it knows of
    the customer's unresolved dissatisfaction, as assumed log-odds (`adjustments.yaml`).
    """
    model = model or default_model()
    config = config or load_adjustments()
    ids = [customers_service.customer_id(c.customer_id) for c in customers]
    found = signals(session, customer_ids=set(ids), now=now, config=config)
    adjustments = [config.of(found[i]) for i in ids]
    scores = scoring.score(
        customers, model=model, lang=lang, catalogue=catalogue, adjustments=adjustments
    )
    model_risks = model.predict(Frame.of(customers))
    return [
        CustomerRisk(
            external_id=c.customer_id,
            customer_id=cid,
            model_risk=float(base),
            risk=s.risk,
            open_cases=found[cid].open_cases,
            unanswered_detractors=found[cid].unanswered_detractors,
            score=s,
        )
        for c, cid, base, s in zip(customers, ids, np.asarray(model_risks), scores, strict=True)
    ]


def emit_high_risk(
    session: Session,
    *,
    risks: Sequence[CustomerRisk],
    now: datetime,
    threshold: float | None = None,
    actor: Actor | None = None,
    config: RiskAdjustments | None = None,
    lang: str = "en",
) -> list[RunReport]:
    """Send a `churn_risk_high` event to the rules for each customer at or over the threshold.

    One event per customer and day (its key), so a second run the same day acts no more.
    """
    config = config or load_adjustments()
    limit = config.event_threshold if threshold is None else threshold
    reports: list[RunReport] = []
    for r in risks:
        if r.risk < limit:
            continue
        event = EventIn(
            type=config.event_type,
            key=f"{r.external_id}:{now.date().isoformat()}",
            occurred_at=now,
            customers=(r.external_id,),
            data={
                "customer": r.external_id,
                "risk": round(r.risk, 4),
                "model_risk": round(r.model_risk, 4),
                "open_cases": r.open_cases,
                "unanswered_detractors": r.unanswered_detractors,
                "action": r.score.action.code if r.score.action else None,
                "reasons": "; ".join(reasons.line(x, lang) for x in r.score.top_reasons()),
            },
        )
        reports += rules_service.ingest_event(
            session, actor=actor or Actor.system(), event=event, now=now
        )
    return reports
