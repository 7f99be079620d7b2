"""Benchmark and simulation of the closed loop over 100k responses.

1. 100k synthetic responses are stored (NPS with a realistic spread, some comments);
2. the detractor rule is tried on them (dry run: rules evaluated per second), then applied
   live, opening a case routed to the step's partner with a manager call-back;
3. agents and managers work the cases with simulated delays (first response, call-back,
   resolution, closing) and part of the customers answer the post-resolution survey;
4. the loop figures are computed from those cases, per partner.

The rule evaluation rate is compared with a plain Python loop applying the same test to the
same facts already in memory (the floor of any evaluation), as a ratio in the same run.
Usage: python -m bench.loop_simulation [RESPONSES]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.synthetic import journey
from parcours.accounts.roles import Actor, Role
from parcours.cases import figures
from parcours.cases import service as cases_service
from parcours.cases.models import Case
from parcours.customers.schemas import CustomerIn
from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import Channel, QuestionKind
from parcours.feedback.schemas import AnswerIn, FeedbackIn, VerbatimIn
from parcours.journeys import service as journeys_service
from parcours.journeys.schemas import SurveyDoc
from parcours.rules import context
from parcours.rules import service as rules_service
from parcours.rules.conditions import explain
from parcours.rules.schemas import RuleDoc
from parcours.store import migrate
from parcours.store.engine import make_engine, make_session_factory

START = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
RULE = RuleDoc.model_validate(
    {
        "code": "detractor-callback",
        "name": {"fr": "Rappel des détracteurs", "en": "Call detractors back"},
        "trigger": {"type": "response", "origins": ["api"]},
        "conditions": [{"field": "kinds.nps", "op": "<=", "value": 4}],
        "actions": [{"type": "open_case", "case_type": "complaint", "priority": "high"}],
    }
)
# Likelihood to recommend as surveys see it: most answers high, a tail of detractors.
NPS_WEIGHTS = [2, 1, 1, 2, 3, 4, 6, 10, 20, 25, 26]

ADMIN = Actor(user_id=None, role=Role.ADMIN)


def store_responses(factory: object, n: int, rnd: random.Random) -> list[int]:
    with factory() as session:  # type: ignore[operator]
        j = journeys_service.load_journey(session, doc=journey())
        feedback_service.upsert_survey(
            session,
            doc=SurveyDoc.model_validate(
                {
                    "code": "post-resolution",
                    "name": {"fr": "Après", "en": "After"},
                    "questions": [
                        {"code": "csat", "kind": "csat", "label": {"fr": "a", "en": "a"}}
                    ],
                }
            ),
            journey_id=j.id,
            step_id=None,
        )
        refs = journeys_service.step_refs(session, journey_code="bench")
        steps = list(refs.values())
        ids: list[int] = []
        for start in range(0, n, 5000):
            batch = []
            for i in range(start, min(start + 5000, n)):
                step = rnd.choice(steps)
                nps = rnd.choices(range(11), NPS_WEIGHTS)[0]
                batch.append(
                    FeedbackIn(
                        source="sim",
                        external_id=str(i),
                        journey_id=j.id,
                        step_id=step.step_id,
                        partner_id=rnd.choice(list(step.partner_ids.values())),
                        channel=Channel.SURVEY,
                        submitted_at=START + timedelta(minutes=i),
                        customer=CustomerIn(external_id=f"c{i}", email=f"c{i}@example.fr"),
                        answers=(AnswerIn(question_code="nps", kind=QuestionKind.NPS, value=nps),),
                        verbatims=(VerbatimIn(question_code="t", text="trop d'attente"),)
                        if nps < 5
                        else (),
                    )
                )
            feedback_service.store_feedback(session, records=batch)
            ids.extend(feedback_service.response_id("sim", r.external_id) for r in batch)
        session.commit()
    return ids


def work_cases(factory: object, rnd: random.Random) -> int:
    """Agents answer, managers call back, cases close; 60% of customers answer afterwards."""
    agent = Actor(user_id=None, role=Role.AGENT)
    manager = Actor(user_id=None, role=Role.MANAGER)
    answered = 0
    with factory() as session:  # type: ignore[operator]
        for case in list(session.query(Case).all()):
            opened = case.created_at
            t = opened + timedelta(hours=rnd.uniform(0.2, 30))
            cases_service.transition(session, actor=agent, case_id=case.id, to="open", now=t)
            for task in sorted(case.tasks, key=lambda x: x.position):
                t += timedelta(hours=rnd.uniform(0.5, 40))
                who = manager if task.assignee_role == "manager" else agent
                cases_service.complete_task(session, actor=who, task_id=task.id, now=t)
            if rnd.random() < 0.3:  # the partner has to look into it first: not once-and-done
                cases_service.transition(
                    session, actor=agent, case_id=case.id, to="pending_partner", now=t
                )
                t += timedelta(hours=rnd.uniform(2, 72))
                cases_service.transition(session, actor=agent, case_id=case.id, to="open", now=t)
            t += timedelta(hours=rnd.uniform(1, 48))
            cases_service.transition(session, actor=agent, case_id=case.id, to="resolved", now=t)
            cases_service.transition(session, actor=agent, case_id=case.id, to="closed", now=t)
            if rnd.random() < 0.6:
                answered += 1
                feedback_service.submit_answer(
                    session,
                    survey_code="post-resolution",
                    answers={"csat": rnd.choices([1, 2, 3, 4, 5], [1, 1, 2, 4, 4])[0]},
                    texts={},
                    step_id=case.step_id or 0,
                    partner_id=case.partner_id,
                    customer=None,
                    now=t + timedelta(days=1),
                    response_key=f"after-{case.id}",
                    case_reference=case.reference,
                )
        session.commit()
    return answered


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rnd = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'loop.db'}"
        migrate.upgrade(url)
        factory = make_session_factory(make_engine(url))
        started = time.perf_counter()
        ids = store_responses(factory, n, rnd)
        stored_s = time.perf_counter() - started

        with factory() as session:
            rules_service.load_rule(session, actor=ADMIN, doc=RULE, now=START)
            session.commit()
            report = rules_service.dry_run(
                session, actor=ADMIN, doc=RULE, since=START, until=START + timedelta(days=400)
            )
            # The floor: the same conditions on facts already in memory.
            facts = feedback_service.response_facts(session, response_ids=ids[:20_000])
            contexts = context.response_contexts(session, facts)
            t0 = time.perf_counter()
            floor_hits = sum(explain(RULE.conditions, c)[0] for c in contexts)
            floor_n = len(contexts)
            floor_rate = len(contexts) / (time.perf_counter() - t0)
            t0 = time.perf_counter()
            runs = []
            for start in range(0, len(ids), 5000):
                runs += rules_service.apply_to_responses(
                    session, response_ids=tuple(ids[start : start + 5000]), origin="api", now=START
                )
            session.commit()
            live_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        answered = work_cases(factory, rnd)
        work_s = time.perf_counter() - t0
        with factory() as session:
            rows = figures.loop_figures(
                session, since=START, until=START + timedelta(days=400), by="partner"
            )
    print(f"{n:,} responses stored in {stored_s:.1f} s")
    print(
        f"dry run: {report.evaluated:,} responses evaluated, would fire {report.would_fire:,} "
        f"times, {report.per_second:,.0f} evaluated/s (facts read from the store)"
    )
    print(
        f"same test on facts already in memory: {floor_rate:,.0f}/s "
        f"({floor_hits:,} of {floor_n:,} fire); store-backed / in-memory = "
        f"{report.per_second / floor_rate:.2f}"
    )
    print(f"live: {len(runs):,} cases opened in {live_s:.1f} s ({len(runs) / live_s:,.0f} cases/s)")
    print(f"simulated work on the cases: {work_s:.1f} s; {answered:,} post-resolution answers")
    print("loop figures per partner:")
    print("  partner       cases  1st resp (h)  resolution (h)  once&done  callback<48h  sat")
    for r in rows:
        print(
            f"  {r.key or '-':<12} {r.cases:6,} {r.first_response_median_clock_hours or 0:12.1f} "
            f"{r.resolution_median_clock_hours or 0:15.1f} "
            f"{100 * (r.once_and_done_rate or 0):9.0f}% "
            f"{100 * (r.callback_within_48h_rate or 0):11.0f}%   "
            f"{r.satisfaction_before or 0:.0f} → {r.satisfaction_after or 0:.0f}"
        )


if __name__ == "__main__":
    main()
