"""The people side of `parcours demo`: a generated organisation of employees serving the trip's
steps (pulses, eNPS, customer scores linked to them), a demo employee with an open pulse, and
after-sale follow-ups (a purchase, its follow-up sent and one customer's reply)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from parcours.accounts import repository as accounts_repository
from parcours.cli.context import OPERATOR, STATE
from parcours.config import secret_key
from parcours.employees import service as employees_service
from parcours.employees.generator import generate_organisation
from parcours.employees.schemas import EmployeeIn
from parcours.followups import links, plans_file
from parcours.followups import service as followups_service
from parcours.followups.schemas import PurchaseIn
from parcours.i18n import add_messages, t
from parcours.store.base import utcnow

DEMO_EMPLOYEE = "employee@parcours.demo"

# Customers who bought at the airport shops a month ago: (reference, name, language, product).
PURCHASES = (
    ("demo-shop-1", "Léa Martin", "fr", "valise cabine"),
    ("demo-shop-2", "Tom Baker", "en", "travel pillow"),
    ("demo-shop-3", "Inès Roux", "fr", "sac à dos"),
)
REPLY = (
    "La valise est parfaite, merci à la vendeuse pour ses conseils. Seul bémol : la roulette "
    "grince déjà un peu."
)

add_messages(
    {
        "demo_people": {
            "en": (
                "Employees (generated, seed 7): {teams} teams, {employees} people, {answers} "
                "pulse answers, {customers} customer answers linked to them (planted r = "
                "{r}); {employee} has an open pulse. Follow-ups: {plans} plans, {sent} sent, "
                "1 reply."
            ),
            "fr": (
                "Collaborateurs (générés, graine 7) : {teams} équipes, {employees} personnes, "
                "{answers} réponses aux pulses, {customers} réponses clients liées (r planté = "
                "{r}) ; {employee} a un pulse ouvert. Suivis : {plans} plans, {sent} envoyés, "
                "1 réponse."
            ),
        }
    }
)


def demo_people(*, journey_code: str, examples_dir: Path) -> None:
    """Skipped when the organisation exists already (the demo ran before on this store)."""
    now = utcnow()
    with STATE.session() as session:
        if employees_service.list_teams(session):
            return
        org = generate_organisation(session, actor=OPERATOR, journey_code=journey_code)
        user = accounts_repository.get_by_email(session, email=DEMO_EMPLOYEE)
        if user is not None:
            employees_service.add_employee(
                session,
                actor=OPERATOR,
                data=EmployeeIn(
                    external_id="demo-employee",
                    team_code=org.teams[0],
                    hired_on=(now - timedelta(days=40)).date(),
                    user_id=user.id,
                ),
            )
            employees_service.send_due_pulses(
                session, actor=OPERATOR, today=now.date(), now=now, secret=secret_key()
            )
        plans = plans_file.read_plans(session, path=examples_dir / "followups.yaml")
        for plan in plans:
            followups_service.save_plan(session, actor=OPERATOR, data=plan, now=now)
        bought = [
            followups_service.record_purchase(
                session,
                actor=OPERATOR,
                data=PurchaseIn(
                    reference=reference,
                    customer=reference,
                    customer_name=name,
                    email=f"{reference}@example.org",
                    language=lang,
                    product=product,
                    amount_cents=8900,
                    purchased_at=now - timedelta(days=31),
                ),
                now=now - timedelta(days=31),
            )
            for reference, name, lang, product in PURCHASES
        ]
        report = followups_service.send_due(session, now=now, secret=secret_key())
        first = followups_service.customer_followups(
            session, actor=OPERATOR, customer_id=bought[0].customer_id
        )[0]
        token = links.make_token(followup_id=first.id, lang="fr", now=now, secret=secret_key())
        followups_service.record_reply(
            session, token=token, text=REPLY, rating=4, now=now, secret=secret_key()
        )
        session.commit()
    STATE.console.print(
        t(
            "demo_people",
            STATE.lang,
            teams=len(org.teams),
            employees=org.employees,
            answers=org.answers,
            customers=org.customer_answers,
            r=org.planted_r,
            employee=DEMO_EMPLOYEE,
            plans=len(plans),
            sent=report.queued,
        )
    )
