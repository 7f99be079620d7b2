"""Scores computed by the database in one GROUP BY, against the same scores computed in Python.

Every test stores generated responses with `store_feedback`, asks `compute` for a slice, and
checks each group's n, value and interval against `score(kind, Counts.of(values, kind))` over
the values that were generated for that group.
"""

from __future__ import annotations

import math
import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from parcours.customers.schemas import CustomerIn
from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import SCALES, SCORED_KINDS, Channel, QuestionKind
from parcours.feedback.schemas import AnswerIn, FeedbackIn
from parcours.journeys import service as journeys_service
from parcours.metrics import service
from parcours.metrics.formulas import Counts, Score, score
from parcours.metrics.schemas import Dimension, Grain, MetricRow, Slice
from tests.factories import journey_doc

Key = tuple[object, ...]

CHANNELS = (Channel.SURVEY, Channel.EMAIL, Channel.CHAT, Channel.REVIEW)
COUNTRIES = ("FR", "ES", "GB", "DE")
SEGMENTS = ("family", "business", "solo")
# The kinds each generated response may answer, with the question code it answers them under.
ASKED = {
    QuestionKind.NPS: "nps",
    QuestionKind.CES5: "ces5",
    QuestionKind.CES7: "ces7",
    QuestionKind.CSAT: "csat",
    QuestionKind.THUMBS: "thumb",
    QuestionKind.RATING: "rating",
}
# Stored like any answer but never scored: they must not show up in any metric.
UNSCORED = (QuestionKind.KANO_FUNCTIONAL, "kano")

SINCE = datetime(2025, 3, 1, tzinfo=UTC)
UNTIL = datetime(2025, 6, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Generated:
    """What was stored for one response, as plain Python values."""

    journey: int
    step: int
    partner: int | None
    channel: str
    country: str | None
    segment: str | None
    at: datetime  # always UTC
    answers: dict[QuestionKind, int]


@dataclass(frozen=True)
class Dataset:
    journey_id: int
    other_journey_id: int
    steps: dict[str, int]  # by code, both journeys
    partners: dict[str, int]
    rows: list[Generated]


# --- generation -------------------------------------------------------------------------------


def _moment(rng: random.Random) -> datetime:
    """A UTC moment from 2024-01-01 to 2025-12-31, to the microsecond."""
    start = datetime(2024, 1, 1, tzinfo=UTC)
    return start + timedelta(
        days=rng.randrange(731),
        seconds=rng.randrange(86_400),
        microseconds=rng.choice((0, rng.randrange(1_000_000))),
    )


# Moments on purpose at the edges of periods and of the [SINCE, UNTIL) window.
EDGE_MOMENTS = (
    SINCE,
    SINCE - timedelta(microseconds=1),
    UNTIL,
    UNTIL - timedelta(microseconds=1),
    datetime(2024, 12, 31, 23, 59, 59, tzinfo=UTC),
    datetime(2025, 1, 1, tzinfo=UTC),
    datetime(2024, 2, 29, 12, tzinfo=UTC),
    datetime(2025, 3, 31, 23, 59, 59, 999_999, tzinfo=UTC),
    datetime(2025, 4, 1, tzinfo=UTC),
)


def _answers(rng: random.Random) -> dict[QuestionKind, int]:
    answers = {
        kind: rng.randint(SCALES[kind].low, SCALES[kind].high)
        for kind in ASKED
        if rng.random() < 0.8
    }
    return answers or {QuestionKind.NPS: rng.randint(0, 10)}


def _store(
    session: Session, rows: Sequence[Generated], *, source: str, with_kano: bool = True
) -> None:
    records = []
    for i, g in enumerate(rows):
        customer = None
        if g.country is not None:
            customer = CustomerIn(
                external_id=f"{source}-c{i % 97}-{g.country}-{g.segment}",
                country=g.country,
                segment=g.segment,
            )
        answers = [AnswerIn(question_code=ASKED[k], kind=k, value=v) for k, v in g.answers.items()]
        if with_kano:
            answers.append(AnswerIn(question_code=UNSCORED[1], kind=UNSCORED[0], value=1 + i % 5))
        records.append(
            FeedbackIn(
                source=source,
                external_id=f"{source}-{i}",
                journey_id=g.journey,
                step_id=g.step,
                partner_id=g.partner,
                channel=Channel(g.channel),
                submitted_at=g.at,
                customer=customer,
                answers=tuple(answers),
            )
        )
    outcome = feedback_service.store_feedback(session, records=records)
    assert outcome.new == len(rows)


def _generate(
    rng: random.Random,
    *,
    journey: int,
    step_partners: dict[int, Sequence[int]],
    count: int,
    edges: Sequence[datetime] = (),
) -> list[Generated]:
    rows = []
    steps = sorted(step_partners)
    for i in range(count):
        step = rng.choice(steps)
        partners = step_partners[step]
        partner = rng.choice(partners) if partners and rng.random() < 0.9 else None
        country = rng.choice(COUNTRIES) if rng.random() < 0.9 else None
        # A customer may have no segment; a response without customer has neither.
        segment = rng.choice((*SEGMENTS, None)) if country is not None else None
        at = edges[i] if i < len(edges) else _moment(rng)
        rows.append(
            Generated(
                journey=journey,
                step=step,
                partner=partner,
                channel=rng.choice(CHANNELS).value,
                country=country,
                segment=segment,
                at=at,
                answers=_answers(rng),
            )
        )
    return rows


@pytest.fixture
def data(session: Session) -> Dataset:
    """Two journeys, ~450 responses over two years on four channels, stored in one batch."""
    trip = journeys_service.load_journey(session, doc=journey_doc())
    other = journeys_service.load_journey(
        session,
        doc=journey_doc(code="other", steps=("desk",), step_partners={"desk": ("airline",)}),
    )
    steps = {s.code: s.id for s in (*trip.steps, *other.steps)}
    partners = {
        link.partner.code: link.partner_id
        for s in (*trip.steps, *other.steps)
        for link in s.partner_links
    }

    def linked(step_code: str) -> list[int]:
        return sorted(
            link.partner_id
            for s in (*trip.steps, *other.steps)
            if s.code == step_code
            for link in s.partner_links
        )

    rng = random.Random(20250307)
    rows = _generate(
        rng,
        journey=trip.id,
        step_partners={steps[c]: linked(c) for c in ("check-in", "flight", "hotel")},
        count=400,
        edges=EDGE_MOMENTS,
    )
    rows += _generate(
        rng, journey=other.id, step_partners={steps["desk"]: linked("desk")}, count=50
    )
    _store(session, rows, source="gen")
    return Dataset(trip.id, other.id, steps, partners, rows)


# --- the same computation in Python -------------------------------------------------------------


def _label(at: datetime, grain: Grain, dialect: str) -> str:
    if grain is Grain.DAY:
        return f"{at:%Y-%m-%d}"
    if grain is Grain.MONTH:
        return f"{at:%Y-%m}"
    if grain is Grain.QUARTER:
        return f"{at.year}-Q{(at.month + 2) // 3}"
    if grain is Grain.YEAR:
        return f"{at.year}"
    # Weeks are ISO 8601 weeks on every database.
    iso = at.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def _key_of(dim: Dimension, grain: Grain, dialect: str) -> Callable[[Generated], object]:
    return {
        Dimension.JOURNEY: lambda g: g.journey,
        Dimension.STEP: lambda g: g.step,
        Dimension.PARTNER: lambda g: g.partner,
        Dimension.CHANNEL: lambda g: g.channel,
        Dimension.COUNTRY: lambda g: g.country,
        Dimension.SEGMENT: lambda g: g.segment,
        Dimension.PERIOD: lambda g: _label(g.at, grain, dialect),
    }[dim]


def _kept(g: Generated, r: Slice) -> bool:
    return (
        (r.journey_id is None or g.journey == r.journey_id)
        and (not r.step_ids or g.step in r.step_ids)
        and (not r.partner_ids or g.partner in r.partner_ids)
        and (not r.channels or g.channel in r.channels)
        and (not r.countries or g.country in r.countries)
        and (not r.segments or g.segment in r.segments)
        and (r.since is None or g.at >= r.since)
        and (r.until is None or g.at < r.until)
    )


def python_scores(
    rows: Iterable[Generated], request: Slice, dialect: str
) -> dict[tuple[Key, QuestionKind], Score]:
    keys = [_key_of(d, request.grain, dialect) for d in request.by]
    kinds = request.kinds or SCORED_KINDS
    values: dict[tuple[Key, QuestionKind], list[float]] = defaultdict(list)
    for g in rows:
        if not _kept(g, request):
            continue
        group = tuple(key(g) for key in keys)
        for kind, value in g.answers.items():
            if kind in kinds:
                values[(group, kind)].append(value)
    return {
        (group, kind): score(kind, Counts.of(vs, kind), min_sample=request.min_sample)
        for (group, kind), vs in values.items()
    }


def db_scores(session: Session, request: Slice) -> dict[tuple[Key, QuestionKind], MetricRow]:
    rows = service.compute(session, request=request)
    by_key = {(tuple(r.group[d.value] for d in request.by), r.kind): r for r in rows}
    assert len(by_key) == len(rows), "one row per group and kind"
    for r in rows:
        assert list(r.group) == [d.value for d in request.by]
    return by_key


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def assert_same_scores(
    session: Session, data: Dataset, request: Slice, *, min_groups: int = 1
) -> dict[tuple[Key, QuestionKind], MetricRow]:
    dialect = session.get_bind().dialect.name
    expected = python_scores(data.rows, request, dialect)
    got = db_scores(session, request)
    assert len(expected) >= min_groups, "the generated data must exercise this slice"
    assert set(got) == set(expected)
    for key, want in expected.items():
        row = got[key]
        assert row.n == want.n > 0, key
        assert row.metric == want.name, key
        assert row.significant is want.significant, key
        for field in ("value", "low", "high"):
            assert _same(getattr(row, field), getattr(want, field)), (key, field)
        assert row.extras.keys() == want.extras.keys(), key
        assert all(_same(row.extras[k], v) for k, v in want.extras.items()), key
    return got


def _n_by_kind(rows: Iterable[Generated], request: Slice) -> dict[QuestionKind, int]:
    kinds = request.kinds or SCORED_KINDS
    counts: dict[QuestionKind, int] = defaultdict(int)
    for g in rows:
        if _kept(g, request):
            for kind in g.answers:
                if kind in kinds:
                    counts[kind] += 1
    return dict(counts)


# --- groupings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("by", "min_groups"),
    [
        ((Dimension.STEP,), 4 * len(ASKED)),
        ((Dimension.PARTNER,), 4 * len(ASKED)),  # airline, airport, hotel-co and none
        ((Dimension.CHANNEL,), len(CHANNELS) * len(ASKED)),
        ((Dimension.COUNTRY,), (len(COUNTRIES) + 1) * len(ASKED)),
        ((Dimension.SEGMENT,), (len(SEGMENTS) + 1) * len(ASKED)),
        ((Dimension.JOURNEY,), 2 * len(ASKED)),
        ((Dimension.STEP, Dimension.PARTNER, Dimension.PERIOD), 200),
        ((Dimension.COUNTRY, Dimension.SEGMENT, Dimension.CHANNEL), 100),
    ],
    ids=lambda v: "x".join(d.value for d in v) if isinstance(v, tuple) else str(v),
)
def test_groups_match_python(
    session: Session, data: Dataset, by: tuple[Dimension, ...], min_groups: int
) -> None:
    got = assert_same_scores(session, data, Slice(by=by, min_sample=10), min_groups=min_groups)
    assert {r.kind for r in got.values()} == set(ASKED)  # the Kano answers are never scored


def test_groups_with_no_partner_or_no_customer_are_kept_as_none(
    session: Session, data: Dataset
) -> None:
    for dim in (Dimension.PARTNER, Dimension.COUNTRY, Dimension.SEGMENT):
        groups = {key[0] for key, _ in db_scores(session, Slice(by=(dim,)))}
        assert None in groups, dim
    partners = {key[0] for key, _ in db_scores(session, Slice(by=(Dimension.PARTNER,)))}
    assert partners == {*data.partners.values(), None}


@pytest.mark.parametrize("grain", [Grain.DAY, Grain.MONTH, Grain.QUARTER, Grain.YEAR])
def test_period_labels_and_scores_match_python(
    session: Session, data: Dataset, grain: Grain
) -> None:
    got = assert_same_scores(
        session, data, Slice(by=(Dimension.PERIOD,), grain=grain), min_groups=2 * len(ASKED)
    )
    pattern = {
        Grain.DAY: r"^20(24|25)-\d\d-\d\d$",
        Grain.MONTH: r"^20(24|25)-(0[1-9]|1[0-2])$",
        Grain.QUARTER: r"^20(24|25)-Q[1-4]$",
        Grain.YEAR: r"^20(24|25)$",
    }[grain]
    labels = {str(key[0]) for key, _ in got}
    assert all(re.match(pattern, label) for label in labels), labels
    if grain is Grain.QUARTER:
        assert labels == {f"{y}-Q{q}" for y in (2024, 2025) for q in (1, 2, 3, 4)}
    if grain is Grain.YEAR:
        assert labels == {"2024", "2025"}


def test_period_edges_fall_in_the_right_month_and_year(session: Session, data: Dataset) -> None:
    got = db_scores(session, Slice(by=(Dimension.PERIOD,), grain=Grain.DAY))
    days = {key[0] for key, _ in got}
    # The edge moments are stored: their day labels are those of their UTC date.
    assert {"2024-12-31", "2025-01-01", "2024-02-29", "2025-03-31", "2025-04-01"} <= days


def test_week_counts_add_up_to_the_total(session: Session, data: Dataset) -> None:
    request = Slice(by=(Dimension.PERIOD,), grain=Grain.WEEK)
    got = db_scores(session, request)
    per_kind: dict[QuestionKind, int] = defaultdict(int)
    for (label, *_), kind in got:
        assert re.match(r"^20(24|25|26)-W\d\d$", str(label)), label
        per_kind[kind] += got[((label,), kind)].n
    assert per_kind == _n_by_kind(data.rows, request)
    # More than 52 distinct weeks over two years; every label's year is a year of the data
    # (ISO years may run one ahead for the last days of December).
    assert len({key[0] for key, _ in got}) > 90
    assert {str(key[0])[:4] for key, _ in got} <= {"2024", "2025", "2026"}


def test_week_labels_are_iso_weeks_on_every_database(session: Session, data: Dataset) -> None:
    assert_same_scores(
        session, data, Slice(by=(Dimension.PERIOD,), grain=Grain.WEEK), min_groups=90
    )


# --- filters ------------------------------------------------------------------------------------


def _filters(data: Dataset) -> list[tuple[str, dict[str, object]]]:
    p = data.partners
    s = data.steps
    return [
        ("journey", {"journey_id": data.journey_id}),
        ("other-journey", {"journey_id": data.other_journey_id}),
        ("steps", {"step_ids": (s["flight"], s["hotel"])}),
        ("partners", {"partner_ids": (p["airport"],)}),
        ("channels", {"channels": ("email", "review")}),
        ("countries", {"countries": ("FR", "GB")}),
        ("segments", {"segments": ("business",)}),
        ("since", {"since": SINCE}),
        ("until", {"until": UNTIL}),
        ("window", {"since": SINCE, "until": UNTIL}),
        (
            "all",
            {
                "journey_id": data.journey_id,
                "step_ids": (s["check-in"], s["flight"]),
                "partner_ids": (p["airline"],),
                "channels": ("survey", "chat", "email"),
                "countries": ("FR", "ES", "DE"),
                "segments": ("family", "solo"),
                "since": datetime(2024, 4, 1, tzinfo=UTC),
                "until": datetime(2025, 10, 1, tzinfo=UTC),
            },
        ),
    ]


def test_filters_match_python(session: Session, data: Dataset) -> None:
    for name, filters in _filters(data):
        for by in ((Dimension.STEP,), (Dimension.PARTNER, Dimension.CHANNEL)):
            request = Slice.model_validate({"by": by, "min_sample": 5, **filters})
            got = assert_same_scores(session, data, request, min_groups=len(ASKED))
            unfiltered = sum(r.n for r in db_scores(session, Slice(by=by)).values())
            assert 0 < sum(r.n for r in got.values()) < unfiltered, name


def test_since_is_inclusive_and_until_exclusive(session: Session, data: Dataset) -> None:
    at = {g.at: g for g in data.rows}
    assert {SINCE, UNTIL, UNTIL - timedelta(microseconds=1)} <= at.keys()

    def total(**window: datetime) -> int:
        rows = db_scores(session, Slice(by=(Dimension.JOURNEY,), **window)).values()
        return sum(r.n for r in rows)

    def answers_at(moment: datetime) -> int:
        return sum(len(g.answers) for g in data.rows if g.at == moment)

    # One instant wide: only the response stored exactly at `since`.
    assert total(since=SINCE, until=SINCE + timedelta(microseconds=1)) == answers_at(SINCE)
    assert total(since=UNTIL, until=UNTIL) == 0
    assert total(since=SINCE, until=UNTIL) + total(since=UNTIL) + total(until=SINCE) == total()
    # Two instants wide: the last microsecond before `until` and `until` itself.
    last, after = UNTIL - timedelta(microseconds=1), UNTIL + timedelta(microseconds=1)
    assert total(since=last, until=after) == answers_at(last) + answers_at(UNTIL)
    assert total(since=last, until=UNTIL) == answers_at(last) > 0


def test_kinds_restrict_the_scores(session: Session, data: Dataset) -> None:
    kinds = (QuestionKind.NPS, QuestionKind.CES7)
    request = Slice(by=(Dimension.STEP, Dimension.CHANNEL), kinds=kinds)
    got = assert_same_scores(session, data, request, min_groups=2 * 4 * len(CHANNELS))
    assert {kind for _, kind in got} == set(kinds)
    # Top and bottom bands stay per kind when several kinds are asked for at once.
    for kind in (QuestionKind.CES5, QuestionKind.THUMBS, QuestionKind.RATING):
        assert_same_scores(session, data, Slice(by=(Dimension.STEP,), kinds=(kind,)))


def test_a_kind_nobody_answered_gives_no_rows(session: Session, data: Dataset) -> None:
    assert service.compute(session, request=Slice(kinds=(QuestionKind.ENPS,))) == []
    assert service.compute(session, request=Slice(journey_id=10**6)) == []


def test_min_sample_flags_small_groups(session: Session, data: Dataset) -> None:
    by = (Dimension.STEP, Dimension.PARTNER, Dimension.SEGMENT)
    for min_sample in (1, 8, 30):
        request = Slice(by=by, min_sample=min_sample)
        got = assert_same_scores(session, data, request, min_groups=50)
        assert all(r.significant is (r.n >= min_sample) for r in got.values())
        flags = {r.significant for r in got.values()}
        assert flags == ({True} if min_sample == 1 else {True, False}), min_sample
    # The default minimum is 30.
    default = db_scores(session, Slice(by=by))
    assert all(r.significant is (r.n >= 30) for r in default.values())


def test_rows_are_sorted_by_group_then_kind(session: Session, data: Dataset) -> None:
    rows = service.compute(session, request=Slice(by=(Dimension.STEP, Dimension.PARTNER)))
    keys = [
        (r.group["step"], r.group["partner"] is None, r.group["partner"] or 0, r.kind.value)
        for r in rows
    ]
    assert keys == sorted(keys)
    assert len(rows) > 20


# --- non-UTC moments ----------------------------------------------------------------------------


MINUS5, PLUS2 = timezone(timedelta(hours=-5)), timezone(timedelta(hours=2))
# 23:30 at UTC-05:00 on 31 March is 04:30 UTC on 1 April; 01:00 at UTC+02:00 on 1 April is
# 23:00 UTC on 31 March.
OFFSET_MOMENTS = (
    datetime(2025, 3, 31, 23, 30, tzinfo=MINUS5),
    datetime(2025, 4, 1, 1, 0, tzinfo=PLUS2),
)


def _store_offset_moments(session: Session) -> int:
    journey = journeys_service.load_journey(session, doc=journey_doc())
    flight = next(s for s in journey.steps if s.code == "flight")
    # The April response is a promoter and the March one a detractor, so each is recognisable.
    rows = [
        Generated(journey.id, flight.id, None, "survey", None, None, m, {QuestionKind.NPS: v})
        for m, v in zip(OFFSET_MOMENTS, (10, 0), strict=True)
    ]
    _store(session, rows, source="tz", with_kano=False)
    return flight.id


def test_windows_compare_instants_whatever_the_offset_of_submitted_at(
    session: Session,
) -> None:
    """since/until select by instant: only the response at 04:30 UTC on 1 April is in April."""
    flight = _store_offset_moments(session)

    def nps(**window: datetime) -> list[tuple[int, float]]:
        rows = db_scores(session, Slice(by=(Dimension.STEP,), **window)).values()
        return [(r.n, r.value) for r in rows]

    april = datetime(2025, 4, 1, tzinfo=UTC)
    assert nps(since=april) == [(1, 100.0)]
    assert nps(until=april) == [(1, -100.0)]
    # The same instant written with another offset selects the same responses.
    assert nps(since=april.astimezone(PLUS2)) == [(1, 100.0)]
    assert nps(until=april.astimezone(MINUS5)) == [(1, -100.0)]
    assert list(db_scores(session, Slice(by=(Dimension.STEP,)))) == [((flight,), QuestionKind.NPS)]


def test_periods_are_utc_whatever_the_offset_of_submitted_at(
    session: Session,
) -> None:
    _store_offset_moments(session)
    for grain, march, april in (
        (Grain.MONTH, "2025-03", "2025-04"),
        (Grain.QUARTER, "2025-Q1", "2025-Q2"),
        (Grain.DAY, "2025-03-31", "2025-04-01"),
    ):
        got = db_scores(session, Slice(by=(Dimension.PERIOD,), grain=grain))
        assert {key[0]: (r.n, r.value) for (key, _), r in got.items()} == {
            march: (1, -100.0),
            april: (1, 100.0),
        }


# --- property -----------------------------------------------------------------------------------

STEP_CODES = ("check-in", "flight", "hotel")


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    answers=st.lists(
        st.tuples(st.sampled_from(STEP_CODES), st.integers(min_value=0, max_value=10)),
        max_size=80,
    ),
    min_sample=st.integers(min_value=1, max_value=40),
)
def test_db_nps_per_step_equals_python_nps(
    factory: sessionmaker[Session], answers: list[tuple[str, int]], min_sample: int
) -> None:
    # Nothing is committed: closing the session rolls this example's rows back.
    with factory() as session:
        journey = journeys_service.load_journey(session, doc=journey_doc())
        steps = {s.code: s.id for s in journey.steps}
        rows = [
            Generated(
                journey.id,
                steps[code],
                None,
                "survey",
                None,
                None,
                datetime(2025, 1, 1 + i % 28, tzinfo=UTC),
                {QuestionKind.NPS: value},
            )
            for i, (code, value) in enumerate(answers)
        ]
        _store(session, rows, source="prop", with_kano=False)
        request = Slice(by=(Dimension.STEP,), kinds=(QuestionKind.NPS,), min_sample=min_sample)
        got = db_scores(session, request)

        by_step: dict[int, list[float]] = defaultdict(list)
        for code, value in answers:
            by_step[steps[code]].append(value)
        assert {key[0] for key, _ in got} == set(by_step)
        for ((step,), _), row in got.items():
            want = score(
                QuestionKind.NPS, Counts.of(by_step[step], QuestionKind.NPS), min_sample=min_sample
            )
            assert (row.n, row.significant) == (want.n, want.significant)
            assert all(
                _same(a, b)
                for a, b in [(row.value, want.value), (row.low, want.low), (row.high, want.high)]
            )
            assert row.extras == pytest.approx(want.extras)
