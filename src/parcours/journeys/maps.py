"""The three maps of one journey (seed 002) laid over each other, with the gaps step by step.

- designed: the company's steps, durations and target feelings;
- expected: how customers imagined each step beforehand (from the journey's expectations);
- lived: what customers reported, from the feedback store (share of satisfied answers).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from parcours.journeys.feelings import FEELING_LABELS, Feeling
from parcours.journeys.schemas import MapCell, StepMaps
from parcours.journeys.service import require_journey
from parcours.metrics import service as metrics_service
from parcours.metrics.formulas import DEFAULT_MIN_SAMPLE

# A lived score this many points below what customers expected is reported as a gap.
SCORE_GAP_POINTS = 10.0
# A duration off by this ratio between two maps is reported as a gap.
DURATION_GAP_RATIO = 1.5


def journey_maps(
    session: Session, *, code: str, lang: str = "en", min_sample: int = DEFAULT_MIN_SAMPLE
) -> list[StepMaps]:
    journey = require_journey(session, code=code)
    lived = metrics_service.satisfaction_by_step(session, journey_id=journey.id)
    maps = []
    for step in journey.steps:
        exp = step.expectation
        designed = MapCell(
            included=True,
            duration_minutes=step.duration_minutes,
            feelings=tuple(step.target_feelings),
        )
        expected = MapCell(
            included=exp.included if exp else True,
            duration_minutes=exp.duration_minutes if exp else None,
            score=exp.expected_score if exp else None,
            feelings=tuple(exp.feelings) if exp else (),
        )
        score, n = lived.get(step.id, (None, 0))
        lived_cell = MapCell(included=n > 0, score=score, sample_size=n)
        maps.append(
            StepMaps(
                position=step.position,
                code=step.code,
                name=step.name_fr if lang == "fr" else step.name_en,
                partners=tuple(
                    link.partner.name for link in step.partner_links if not link.from_feedback
                ),
                partners_from_feedback=sum(link.from_feedback for link in step.partner_links),
                key_moment=step.is_key_moment,
                designed=designed,
                expected=expected,
                lived=lived_cell,
                gaps=tuple(_gaps(designed, expected, lived_cell, lang, min_sample)),
            )
        )
    return maps


def _gaps(
    designed: MapCell, expected: MapCell, lived: MapCell, lang: str, min_sample: int
) -> list[str]:
    fr = lang == "fr"
    gaps = []
    if not expected.included:
        gaps.append(
            "absente du parcours imaginé par le client"
            if fr
            else "missing from the journey customers imagined"
        )
    d, e = designed.duration_minutes, expected.duration_minutes
    if d and e and max(d, e) / max(min(d, e), 1) >= DURATION_GAP_RATIO:
        gaps.append(
            f"durée conçue {d} min, attendue {e} min"
            if fr
            else f"designed to take {d} min, customers expect {e} min"
        )
    missing = (
        [f for f in designed.feelings if f not in expected.feelings] if expected.feelings else []
    )
    if missing:
        labels = ", ".join(FEELING_LABELS[Feeling(f)]["fr" if fr else "en"] for f in missing)
        gaps.append(("ressentis visés non attendus : " if fr else "not expected: ") + labels)
    if lived.score is not None and expected.score is not None and lived.sample_size >= min_sample:
        delta = lived.score - expected.score
        if delta <= -SCORE_GAP_POINTS:
            gaps.append(
                f"vécu {lived.score:.0f}% satisfaits, attendu {expected.score:.0f}%"
                if fr
                else f"lived {lived.score:.0f}% satisfied, expected {expected.score:.0f}%"
            )
    if lived.sample_size == 0:
        gaps.append("aucun retour client" if fr else "no customer feedback yet")
    elif lived.sample_size < min_sample:
        gaps.append(
            f"trop peu de retours (n={lived.sample_size})"
            if fr
            else f"too little feedback (n={lived.sample_size})"
        )
    return gaps
