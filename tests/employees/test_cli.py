"""`parcours employees ...` in process on the test database: generate an organisation, read
its results and circle, send the pulses due (by e-mail to those with an account), and refuse a
minimum group size under 3."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from parcours.accounts.roles import Actor, Role
from parcours.cli.app import app
from parcours.cli.context import STATE
from parcours.employees import service
from parcours.employees.errors import EmployeeError
from parcours.employees.questions import MomentKind
from parcours.employees.schemas import EmployeeIn, MomentIn, TeamIn
from parcours.notifications.models import OutboxMessage
from tests.employees.conftest import make_ex_world, person


@pytest.fixture
def run(
    factory: sessionmaker[Session], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[object]:
    with factory() as s:
        make_ex_world(s)
        s.commit()
    monkeypatch.setattr(STATE, "_engine", None)
    monkeypatch.setattr(STATE, "database_url", database_url)
    runner = CliRunner()

    def invoke(*args: str) -> object:
        return runner.invoke(app, ["--database-url", database_url, "--lang", "en", *args])

    yield invoke
    if STATE._engine is not None:
        STATE._engine.dispose()


def test_generate_then_read_results_and_circle(run: object, factory: sessionmaker[Session]) -> None:
    invoke = run
    made = invoke(  # type: ignore[operator]
        "employees", "generate", "--journey", "trip", "--months", "6", "--team-size", "8",
        "--customers", "20", "--start", "2025-01-01",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert "8 teams" in made.output and "over 6 months" in made.output
    shown = invoke("employees", "results", "--month", "2025-03")  # type: ignore[operator]
    assert shown.exit_code == 0 and "Whole organisation" in shown.output
    assert "fewer than 5 answers" in shown.output  # the tiny legal team
    circle = invoke("employees", "circle")  # type: ignore[operator]
    assert circle.exit_code == 0 and "team: r=" in circle.output
    refused = invoke("employees", "min-group-size", "2")  # type: ignore[operator]
    assert isinstance(refused.exception, EmployeeError)
    assert invoke("employees", "min-group-size", "6").exit_code == 0  # type: ignore[operator]


def test_pulses_due_are_printed_and_mailed(run: object, factory: sessionmaker[Session]) -> None:
    admin = Actor(user_id=None, role=Role.ADMIN)
    with factory() as s:
        agent = person(s, "ines", Role.AGENT)
        service.upsert_team(
            s, actor=admin, data=TeamIn(code="desk", name_fr="Accueil", name_en="Desk")
        )
        for ext, user in (("e-ines", agent.user_id), ("e-other", None)):
            service.add_employee(
                s,
                actor=admin,
                data=EmployeeIn(
                    external_id=ext, team_code="desk", hired_on=date(2025, 1, 1), user_id=user
                ),
            )
        s.commit()
    sent = run(  # type: ignore[operator]
        "employees", "pulses-due", "--today", "2025-03-01", "--base-url", "https://cx.example.org"
    )
    assert sent.exit_code == 0, sent.output
    # The operator sees only the link of the employee without an account, never one e-mailed.
    assert sent.output.count("https://cx.example.org/p/") == 1
    assert "e-other" in sent.output and "e-ines" not in sent.output
    assert "2 pulses sent: 1 by e-mail, 1 links above" in sent.output
    with factory() as s:
        (mail,) = s.scalars(select(OutboxMessage)).all()  # only the one with an account
        assert mail.recipient == "ines@example.org"
        link = re.search(r"https://cx\.example\.org/p/[^?\s]+", mail.body_text)
        assert link is not None and link.group(0) not in sent.output
        service.record_moment(
            s,
            actor=admin,
            data=MomentIn(
                external_id="e-ines", kind=MomentKind.TRAINING, occurred_on=date(2025, 3, 1)
            ),
        )
        s.commit()
    # Without e-mail, an employee with an account finds the pulse on their own page only.
    quiet = run(  # type: ignore[operator]
        "employees", "pulses-due", "--today", "2025-03-09", "--no-mail"
    )
    assert quiet.exit_code == 0, quiet.output
    assert "/p/" not in quiet.output and "0 by e-mail, 0 links above" in quiet.output
    assert "1 to be found" in quiet.output.replace("\n", " ")


GOOD_CSV = """external_id,team,team_name_fr,team_name_en,step,partner,hired_on,language
e1,checkin,Équipe enregistrement,Check-in team,trip/check-in,,2024-09-01,fr
e2,checkin,Équipe enregistrement,Check-in team,trip/check-in,,2025-02-01,en
e3,back,Back-office,Back office,,,2019-05-01,
"""

BAD_CSV = """external_id,team,team_name_fr,team_name_en,step,partner,hired_on,language
e1,checkin,Équipe,Team,trip/nowhere,,2024-09-01,fr
e2,checkin,Équipe,Team,trip/flight,hotel-co,01/02/2024,fr
,back,Back,Back,,,2019-05-01,de
"""


def test_people_are_imported_whole_or_not_at_all(
    run: object, factory: sessionmaker[Session], tmp_path: object
) -> None:
    from pathlib import Path  # noqa: PLC0415

    from parcours.employees.models import ExEmployee, ExMoment, ExTeam  # noqa: PLC0415

    folder = Path(str(tmp_path))
    (folder / "bad.csv").write_text(BAD_CSV, "utf-8")
    bad = run("employees", "import", str(folder / "bad.csv"))  # type: ignore[operator]
    assert isinstance(bad.exception, EmployeeError)
    text = bad.exception.message("en")
    assert "bad.csv, line 2, field step: no step 'trip/nowhere'" in text
    assert "line 3, field partner" in text and "line 3, field hired_on" in text
    assert "line 4, field external_id: empty" in text and "line 4, field language" in text
    assert "ligne 2, champ step" in bad.exception.message("fr")
    with factory() as s:
        assert s.scalars(select(ExEmployee)).all() == []
    (folder / "good.csv").write_text(GOOD_CSV, "utf-8")
    good = run("employees", "import", str(folder / "good.csv"))  # type: ignore[operator]
    assert good.exit_code == 0 and "2 teams and 3 employees imported" in good.output
    moment = run(  # type: ignore[operator]
        "employees", "moment", "--employee", "e2", "--kind", "training", "--on", "2026-03-02"
    )
    assert moment.exit_code == 0 and "pulse on 2026-03-09" in moment.output
    with factory() as s:
        teams = {t.code: t.step_id for t in s.scalars(select(ExTeam))}
        assert teams["back"] is None and teams["checkin"] is not None
        kinds = sorted(m.kind for m in s.scalars(select(ExMoment)))
        assert kinds == ["onboarding"] * 3 + ["training"]
