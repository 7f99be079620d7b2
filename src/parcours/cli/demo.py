"""`parcours demo`: the seed-000 trip rebuilt on public data, end to end, in one command."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
import yaml
from pydantic import BaseModel

from parcours.accounts import repository as accounts_repository
from parcours.accounts import service as accounts_service
from parcours.accounts.roles import Actor, Role
from parcours.accounts.schemas import UserIn
from parcours.cases import service as cases_service
from parcours.cases.schemas import CaseIn
from parcours.cli import demo_people, text_annotate
from parcours.cli import journey as journey_cli
from parcours.cli import report as report_cli
from parcours.cli.context import STATE
from parcours.cli.imports import import_with_progress, print_summary
from parcours.feedback import service as feedback_service
from parcours.i18n import t
from parcours.imports.runner import DEFAULT_BATCH
from parcours.journeys import service as journeys_service
from parcours.store import migrate
from parcours.store.base import utcnow


class DemoImport(BaseModel):
    file: str
    mapping: str


class DemoManifest(BaseModel):
    journey: str
    imports: list[DemoImport]


def demo(
    data_dir: Annotated[
        Path,
        typer.Option(
            envvar="PARCOURS_DATA_DIR", help="Folder of the public data sets (shared/data)."
        ),
    ] = Path("../shared/data"),
    examples_dir: Annotated[
        Path, typer.Option(help="Folder holding demo.yaml, journeys/ and mappings/.")
    ] = Path("examples"),
) -> None:
    """Load the family trip and the public reviews onto its steps, then report."""
    manifest_path = examples_dir / "demo.yaml"
    manifest = DemoManifest.model_validate(yaml.safe_load(manifest_path.read_text("utf-8")))
    if not data_dir.is_dir():
        raise FileNotFoundError(f"data folder {data_dir} not found (set --data-dir)")
    migrate.upgrade(STATE.database_url)
    journey_cli.import_journey(examples_dir / manifest.journey)
    show = os.environ.get("CI") is None
    for item in manifest.imports:
        summary = import_with_progress(
            data_dir / item.file, examples_dir / item.mapping, None, DEFAULT_BATCH, show=show
        )
        print_summary(summary)
    code = yaml.safe_load((examples_dir / manifest.journey).read_text("utf-8"))["code"]
    journey_cli.show(code)
    report_cli.report(journey=code, by="step", hide_small=False)
    report_cli.report(journey=code, by="step,partner", hide_small=True)
    _demo_users()
    _demo_cases(code)
    demo_people.demo_people(journey_code=code, examples_dir=examples_dir)
    text_annotate.annotate()


# Who signs in to the demo web app; the password is public on purpose (local demo only).
DEMO_PASSWORD = "parcours-demo"
DEMO_USERS: tuple[tuple[str, str, Role, str | None], ...] = (
    ("admin@parcours.demo", "Ada Admin", Role.ADMIN, None),
    ("cx@parcours.demo", "Camille CX", Role.CX_MANAGER, None),
    ("agent@parcours.demo", "Alex Agent", Role.AGENT, None),
    ("airline@parcours.demo", "Paul Partenaire", Role.PARTNER, "airline"),
    ("manager@parcours.demo", "Maud Manager", Role.MANAGER, None),
    ("employee@parcours.demo", "Eli Employé", Role.EMPLOYEE, None),
)


def _demo_users() -> None:
    with STATE.session() as session:
        for email, name, role, partner in DEMO_USERS:
            if accounts_repository.get_by_email(session, email=email) is not None:
                continue
            partner_id = (
                journeys_service.require_partner(session, code=partner).id if partner else None
            )
            user = accounts_service.create_user(
                session,
                data=UserIn(email=email, name=name, role=role, partner_id=partner_id),
            )
            accounts_service.set_password(session, user=user, password=DEMO_PASSWORD)
        session.commit()
    emails = ", ".join(email for email, *_ in DEMO_USERS)
    STATE.console.print(t("demo_users", STATE.lang, password=DEMO_PASSWORD, emails=emails))


def _demo_cases(journey_code: str, per_step: int = 3) -> None:
    """A few cases opened from the newest complaints of each step, so that the case desk of
    the demo has work in it (as an agent would open them from the verbatims)."""
    agent = Actor(user_id=None, role=Role.AGENT)
    with STATE.session() as session:
        journey = journeys_service.require_journey(session, code=journey_code)
        if cases_service.queue(session, actor=Actor(user_id=None, role=Role.ADMIN)):
            return  # the demo ran before on this store
        for step in journey.steps:
            views = feedback_service.recent_verbatims(session, step_ids=[step.id], limit=per_step)
            for view in views:
                cases_service.open_case(
                    session,
                    actor=agent,
                    data=CaseIn(
                        case_type="complaint",
                        title=_title(view.text),
                        description=view.text,
                        channel="email",
                        customer_id=view.customer_id,
                        response_id=view.response_id,
                        journey_id=journey.id,
                        step_id=step.id,
                        partner_id=view.partner_id,
                        origin="demo",
                    ),
                    now=utcnow(),
                )
        session.commit()


def _title(text: str, width: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"
