"""People from the HR system: a CSV of employees with their team (and the journey step the team
serves), read strictly. Every problem is reported with its file, line and field; nothing is
silently dropped, and nothing is stored unless the whole file is right.

Columns: external_id, team, team_name_fr, team_name_en, step (journey/step, may be empty),
partner (a partner code of that step, may be empty), hired_on (YYYY-MM-DD), language (fr|en,
default fr). Extra columns are refused, so that a misspelt one is noticed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from parcours.accounts.roles import Actor
from parcours.employees import auth
from parcours.employees.errors import EmployeeError
from parcours.employees.schemas import EmployeeIn, TeamIn
from parcours.employees.service import add_employee, upsert_team
from parcours.journeys import service as journeys_service
from parcours.journeys.service import JourneyError

COLUMNS = (
    "external_id",
    "team",
    "team_name_fr",
    "team_name_en",
    "step",
    "partner",
    "hired_on",
    "language",
)
REQUIRED = ("external_id", "team", "team_name_fr", "team_name_en", "hired_on")


@dataclass(frozen=True)
class ImportOutcome:
    teams: int
    employees: int


def _problem(file: str, line: int, field: str, en: str, fr: str) -> tuple[str, str]:
    return (
        f"{file}, line {line}, field {field}: {en}",
        f"{file}, ligne {line}, champ {field} : {fr}",
    )


def _resolve_step(
    session: Session,
    row: dict[str, str],
    steps_of: dict[str, dict[str, journeys_service.StepRef]],
    file: str,
    number: int,
    problems: list[tuple[str, str]],
) -> tuple[int | None, int | None]:
    """The step (journey/step) and partner a row names, or problems saying why not."""
    step = (row.get("step") or "").strip()
    if not step:
        return None, None
    journey, _, code = step.partition("/")
    if journey not in steps_of:
        try:
            steps_of[journey] = journeys_service.step_refs(session, journey_code=journey)
        except JourneyError:
            steps_of[journey] = {}
    ref = steps_of[journey].get(code)
    if ref is None:
        problems.append(
            _problem(file, number, "step", f"no step {step!r} (journey/step)",
                     f"aucune étape {step!r} (parcours/étape)")
        )  # fmt: skip
        return None, None
    partner = (row.get("partner") or "").strip()
    if not partner:
        return ref.step_id, None
    if partner not in ref.partner_ids:
        problems.append(
            _problem(file, number, "partner", f"{partner!r} is not a partner of {step}",
                     f"{partner!r} n'est pas un partenaire de {step}")
        )  # fmt: skip
        return ref.step_id, None
    return ref.step_id, ref.partner_ids[partner]


def import_people(session: Session, *, actor: Actor, text: str, file: str) -> ImportOutcome:
    """Read the CSV and store teams and employees, or raise one error listing every problem."""
    auth.require_may_manage(actor)
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    problems: list[tuple[str, str]] = []
    unknown = [c for c in header if c not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    if unknown or missing:
        raise EmployeeError(
            en=f"{file}, line 1: unknown columns {unknown}, missing columns {missing} "
            f"(expected {', '.join(COLUMNS)})",
            fr=f"{file}, ligne 1 : colonnes inconnues {unknown}, colonnes manquantes {missing} "
            f"(attendues {', '.join(COLUMNS)})",
        )
    steps_of: dict[str, dict[str, journeys_service.StepRef]] = {}
    teams: dict[str, TeamIn] = {}
    people: list[EmployeeIn] = []
    for number, row in enumerate(reader, start=2):
        for field in REQUIRED:
            if not (row.get(field) or "").strip():
                problems.append(_problem(file, number, field, "empty", "vide"))
        step_id, partner_id = _resolve_step(session, row, steps_of, file, number, problems)
        try:
            hired = date.fromisoformat((row.get("hired_on") or "").strip())
        except ValueError:
            problems.append(
                _problem(file, number, "hired_on", "expected a date like 2024-09-01",
                         "attendu une date comme 2024-09-01")
            )  # fmt: skip
            continue
        language = (row.get("language") or "fr").strip() or "fr"
        if language not in ("fr", "en"):
            problems.append(
                _problem(file, number, "language", "expected fr or en", "attendu fr ou en")
            )
            continue
        code = (row.get("team") or "").strip()
        try:
            team = TeamIn(
                code=code,
                name_fr=(row.get("team_name_fr") or "").strip(),
                name_en=(row.get("team_name_en") or "").strip(),
                step_id=step_id,
                partner_id=partner_id,
            )
            people.append(
                EmployeeIn(
                    external_id=(row.get("external_id") or "").strip(),
                    team_code=code,
                    hired_on=hired,
                    language=language,
                )
            )
        except ValueError as exc:
            first = str(exc).splitlines()
            problems.append(
                _problem(
                    file,
                    number,
                    "team",
                    first[-1] if first else "invalid",
                    first[-1] if first else "invalide",
                )
            )
            continue
        if code in teams and teams[code] != team:
            problems.append(
                _problem(
                    file, number, "team", f"team {code!r} differs from an earlier line",
                    f"l'équipe {code!r} est décrite autrement plus haut",
                )
            )  # fmt: skip
        teams.setdefault(code, team)
    if problems:
        raise EmployeeError(
            en="\n".join(en for en, _ in problems), fr="\n".join(fr for _, fr in problems)
        )
    for team in teams.values():
        upsert_team(session, actor=actor, data=team)
    for person in people:
        add_employee(session, actor=actor, data=person)
    return ImportOutcome(teams=len(teams), employees=len(people))
