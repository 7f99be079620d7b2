"""Business-hours arithmetic: nights, weekends, holidays, split days, the changes to and from
summer time in Europe/Paris, and (hypothesis) adding hours then counting them gives them back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcours.cases.errors import CaseError
from parcours.cases.hours import (
    DEFAULT_CALENDAR,
    BusinessCalendar,
    add_business_hours,
    business_hours_between,
)

PARIS = ZoneInfo("Europe/Paris")
OFFICE = DEFAULT_CALENDAR  # Monday to Friday, 9:00-18:00 in Paris
ALWAYS = BusinessCalendar.from_dict(
    {"hours": {d: ["00:00-24:00"] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}}
)
SPLIT = BusinessCalendar.from_dict(
    {
        "timezone": "Europe/Paris",
        "hours": {
            **{d: ["09:00-12:30", "13:30-18:00"] for d in ("mon", "tue", "wed", "thu", "fri")},
            "sat": ["10:00-16:00"],
        },
        "holidays": ["2026-05-01", "2026-05-08", "2026-12-25"],
    }
)
NIGHT_SHIFT = BusinessCalendar.from_dict(
    {"timezone": "America/New_York", "hours": {"mon": ["00:00-06:00", "20:00-24:00"]}}
)


def paris(year: int, month: int, day: int, hour: int = 0) -> datetime:
    return datetime(year, month, day, hour, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        (paris(2026, 3, 2, 10), 3, paris(2026, 3, 2, 13)),  # within the day
        (paris(2026, 3, 2, 9), 9, paris(2026, 3, 2, 18)),  # ends on the closing time
        (paris(2026, 3, 2, 17), 3, paris(2026, 3, 3, 11)),  # over the night
        (paris(2026, 3, 2, 22), 1, paris(2026, 3, 3, 10)),  # asked at night
        (paris(2026, 3, 2, 7), 1, paris(2026, 3, 2, 10)),  # asked before opening
        (paris(2026, 3, 6, 16), 4, paris(2026, 3, 9, 11)),  # over the weekend
        (paris(2026, 3, 7, 12), 2, paris(2026, 3, 9, 11)),  # asked on a Saturday
        (paris(2026, 3, 2, 10), 45, paris(2026, 3, 9, 10)),  # five working days
        (paris(2026, 3, 2, 10), 0, paris(2026, 3, 2, 10)),
    ],
)
def test_office_hours(start: datetime, hours: float, expected: datetime) -> None:
    due = add_business_hours(start, hours, OFFICE)
    assert due == expected
    assert due.tzinfo is UTC
    assert business_hours_between(start, due, OFFICE) == pytest.approx(hours)


def test_holidays_are_skipped() -> None:
    # Thursday 30 April 17:00, 1 May is a holiday (Friday), then the weekend.
    start = paris(2026, 4, 30, 17)
    assert add_business_hours(start, 2, SPLIT) == paris(2026, 5, 2, 11)  # Saturday opening
    assert add_business_hours(start, 2, OFFICE) == paris(2026, 5, 1, 10)  # no holiday listed
    assert business_hours_between(paris(2026, 5, 1, 0), paris(2026, 5, 2, 0), SPLIT) == 0


def test_split_days_skip_the_lunch_break() -> None:
    assert add_business_hours(paris(2026, 3, 2, 12), 1, SPLIT) == paris(2026, 3, 2, 14)
    assert business_hours_between(paris(2026, 3, 2, 8), paris(2026, 3, 2, 20), SPLIT) == 8


def test_change_to_summer_time() -> None:
    # Friday 27 March 17:00 CET (16:00 UTC) + 2 h -> Monday 30 March 10:00 CEST (08:00 UTC).
    start = paris(2026, 3, 27, 17)
    due = add_business_hours(start, 2, OFFICE)
    assert due == datetime(2026, 3, 30, 8, tzinfo=UTC)
    assert due.astimezone(PARIS).hour == 10
    # Sunday 29 March has 23 hours.
    assert business_hours_between(paris(2026, 3, 29, 0), paris(2026, 3, 30, 0), ALWAYS) == 23
    assert add_business_hours(paris(2026, 3, 29, 0), 23, ALWAYS) == paris(2026, 3, 30, 0)


def test_change_to_winter_time() -> None:
    start = paris(2026, 10, 23, 17)  # 15:00 UTC
    due = add_business_hours(start, 2, OFFICE)
    assert due == datetime(2026, 10, 26, 9, tzinfo=UTC)  # Monday 10:00 CET
    # Sunday 25 October has 25 hours.
    assert business_hours_between(paris(2026, 10, 25, 0), paris(2026, 10, 26, 0), ALWAYS) == 25


def test_counting_backwards_is_negative() -> None:
    a, b = paris(2026, 3, 2, 10), paris(2026, 3, 3, 10)
    assert business_hours_between(b, a, OFFICE) == -business_hours_between(a, b, OFFICE) == -9


def test_mistakes_are_refused_with_a_reason() -> None:
    with pytest.raises(CaseError, match="negative"):
        add_business_hours(paris(2026, 3, 2, 10), -1, OFFICE)
    with pytest.raises(CaseError, match="timezone-aware"):
        add_business_hours(datetime(2026, 3, 2, 10), 1, OFFICE)
    with pytest.raises(CaseError, match="overlap"):
        BusinessCalendar.from_dict({"hours": {"mon": ["09:00-13:00", "12:00-18:00"]}})
    with pytest.raises(CaseError, match="HH:MM-HH:MM"):
        BusinessCalendar.from_dict({"hours": {"mon": ["9h-18h"]}})
    with pytest.raises(CaseError, match="unknown weekday"):
        BusinessCalendar.from_dict({"hours": {"monday": ["09:00-18:00"]}})
    with pytest.raises(CaseError, match="unknown time zone"):
        BusinessCalendar.from_dict(
            {"timezone": "Europe/Atlantis", "hours": {"mon": ["09:00-18:00"]}}
        )
    with pytest.raises(CaseError, match="at least one day"):
        BusinessCalendar.from_dict({"hours": {}})
    every_day_off = BusinessCalendar(
        week=OFFICE.week,
        holidays=frozenset(date(2026, 1, 1) + timedelta(days=i) for i in range(800)),
    )
    with pytest.raises(CaseError, match="closed for"):
        add_business_hours(paris(2026, 1, 1, 10), 1, every_day_off)


calendars = st.sampled_from([OFFICE, ALWAYS, SPLIT, NIGHT_SHIFT])
moments = st.datetimes(
    min_value=datetime(2025, 1, 1),
    max_value=datetime(2028, 12, 31),
    timezones=st.sampled_from([UTC, PARIS]),
    allow_imaginary=False,
)
hour_counts = st.floats(min_value=0, max_value=500, allow_nan=False, allow_infinity=False)


@given(moments, hour_counts, calendars)
def test_adding_then_counting_gives_the_hours_back(
    start: datetime, hours: float, calendar: BusinessCalendar
) -> None:
    due = add_business_hours(start, hours, calendar)
    assert due >= start
    assert business_hours_between(start, due, calendar) == pytest.approx(hours, abs=1e-6)


@given(moments, hour_counts, hour_counts, calendars)
def test_adding_is_monotonic_and_additive(
    start: datetime, a: float, b: float, calendar: BusinessCalendar
) -> None:
    low, high = sorted((a, b))
    assert add_business_hours(start, low, calendar) <= add_business_hours(start, high, calendar)
    stepwise = add_business_hours(add_business_hours(start, a, calendar), b, calendar)
    at_once = add_business_hours(start, a + b, calendar)
    assert abs(stepwise - at_once) <= timedelta(microseconds=2)
