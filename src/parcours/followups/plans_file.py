"""Follow-up plans written in a YAML file (a list of plans), the journey and step named by
their codes; each problem is reported with the plan's position and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy.orm import Session

from parcours.followups.errors import FollowupError
from parcours.followups.schemas import PlanIn
from parcours.journeys import service as journeys_service
from parcours.journeys.service import JourneyError


def read_plans(session: Session, *, path: Path) -> list[PlanIn]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise FollowupError(
            en=f"{path}: not valid YAML ({exc})", fr=f"{path} : YAML invalide ({exc})"
        ) from None
    if not isinstance(data, list):
        raise FollowupError(
            en=f"{path}: expected a list of plans", fr=f"{path} : une liste de plans est attendue"
        )
    return [_plan(session, path, i, item) for i, item in enumerate(data, start=1)]


def _plan(session: Session, path: Path, index: int, item: Any) -> PlanIn:
    where_en, where_fr = f"{path}, plan {index}", f"{path}, plan {index}"
    if not isinstance(item, dict):
        raise FollowupError(
            en=f"{where_en}: expected a mapping", fr=f"{where_fr} : un dictionnaire est attendu"
        )
    fields = dict(item)
    journey_code, step_code = fields.pop("journey", None), fields.pop("step", None)
    try:
        journey = journeys_service.require_journey(session, code=str(journey_code))
    except JourneyError:
        raise FollowupError(
            en=f"{where_en}, field journey: no journey {journey_code!r}",
            fr=f"{where_fr}, champ journey : aucun parcours {journey_code!r}",
        ) from None
    steps = {s.code: s.id for s in journey.steps}
    if step_code not in steps:
        raise FollowupError(
            en=f"{where_en}, field step: journey {journey_code!r} has no step {step_code!r}",
            fr=f"{where_fr}, champ step : le parcours {journey_code!r} n'a pas d'étape "
            f"{step_code!r}",
        )
    try:
        return PlanIn(**fields, journey_id=journey.id, step_id=steps[step_code])
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise FollowupError(
            en=f"{where_en}, field {field}: {first['msg']}",
            fr=f"{where_fr}, champ {field} : {first['msg']}",
        ) from None
