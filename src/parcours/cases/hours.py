"""Business hours: a weekly calendar of opening hours in a time zone, with holidays, and the
arithmetic SLAs need (add N business hours to a moment, count business hours between two).

Opening hours are local wall-clock times (9:00-18:00 in Paris stays 9:00-18:00 across the
change to and from summer time); every moment in and out is timezone-aware, computed in UTC.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from parcours.cases.errors import CaseError

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WINDOW = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")
# A calendar whose next opening is further away than this is surely a mistake (all holidays).
_MAX_CLOSED_DAYS = 400

Window = tuple[int, int]  # minutes since local midnight: start < end <= 1440


@dataclass(frozen=True)
class BusinessCalendar:
    """When the service is open: windows per weekday (0 = Monday), a zone, holiday dates."""

    week: tuple[tuple[Window, ...], ...]
    timezone: str = "Europe/Paris"
    holidays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            raise CaseError(
                en=f"a business calendar needs 7 weekdays, not {len(self.week)}",
                fr=f"un calendrier ouvré a 7 jours de semaine, pas {len(self.week)}",
            )
        for day, windows in zip(DAY_NAMES, self.week, strict=True):
            previous_end = 0
            for start, end in windows:
                if not 0 <= start < end <= 24 * 60 or start < previous_end:
                    raise CaseError(
                        en=f"{day}: opening windows must be in order, within the day and"
                        " must not overlap",
                        fr=f"{day} : les plages d'ouverture doivent être dans l'ordre, dans la"
                        " journée et sans chevauchement",
                    )
                previous_end = end
        if not any(self.week):
            raise CaseError(
                en="a business calendar must be open at least one day a week",
                fr="un calendrier ouvré doit être ouvert au moins un jour par semaine",
            )
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise CaseError(
                en=f"unknown time zone {self.timezone!r}",
                fr=f"fuseau horaire inconnu {self.timezone!r}",
            ) from None

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BusinessCalendar:
        """From a YAML-like mapping::

        timezone: Europe/Paris
        hours: {mon: ["09:00-12:30", "13:30-18:00"], sat: ["10:00-16:00"]}
        holidays: ["2026-12-25", "2027-01-01"]
        """
        hours = data.get("hours", {})
        unknown = sorted(set(hours) - set(DAY_NAMES))
        if unknown:
            raise CaseError(
                en=f"unknown weekday(s) {', '.join(unknown)} (use {', '.join(DAY_NAMES)})",
                fr=f"jour(s) inconnu(s) {', '.join(unknown)} (utiliser {', '.join(DAY_NAMES)})",
            )
        week = tuple(tuple(_parse_window(w) for w in hours.get(day, ())) for day in DAY_NAMES)
        holidays = frozenset(
            h if isinstance(h, date) else date.fromisoformat(str(h))
            for h in data.get("holidays", ())
        )
        return cls(week=week, timezone=str(data.get("timezone", "Europe/Paris")), holidays=holidays)

    def windows(self, day: date) -> Iterator[tuple[datetime, datetime]]:
        """The opening windows of a local day, as UTC moments (none on a holiday)."""
        if day in self.holidays:
            return
        midnight = datetime.combine(day, time(0), tzinfo=self.zone)
        for start, end in self.week[day.weekday()]:
            # Wall-clock addition, then conversion: the offset is the one in force at each end.
            yield (
                (midnight + timedelta(minutes=start)).astimezone(UTC),
                (midnight + timedelta(minutes=end)).astimezone(UTC),
            )

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()


def _parse_window(text: str) -> Window:
    match = _WINDOW.match(text.strip())
    if not match:
        raise CaseError(
            en=f"opening window {text!r} is not written HH:MM-HH:MM",
            fr=f"la plage d'ouverture {text!r} ne s'écrit pas HH:MM-HH:MM",
        )
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    return h1 * 60 + m1, h2 * 60 + m2


def weekdays(windows: Sequence[Window], days: int = 5) -> tuple[tuple[Window, ...], ...]:
    """The same windows on the first `days` weekdays, closed on the others."""
    return tuple(tuple(windows) if i < days else () for i in range(7))


# Monday to Friday, 9:00 to 18:00 in Paris; holidays are the organisation's to list.
DEFAULT_CALENDAR = BusinessCalendar(week=weekdays([(9 * 60, 18 * 60)]))


def require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise CaseError(
            en=f"{name} must be a timezone-aware moment (UTC)",
            fr=f"{name} doit être un instant avec fuseau horaire (UTC)",
        )


def add_business_hours(start: datetime, hours: float, calendar: BusinessCalendar) -> datetime:
    """The moment (UTC) when `hours` business hours have passed since `start`.

    Zero hours give `start` itself; a due date that falls on a window's end stays there rather
    than moving to the next opening.
    """
    require_aware(start, "start")
    if hours < 0:
        raise CaseError(
            en=f"cannot add a negative number of business hours ({hours})",
            fr=f"impossible d'ajouter un nombre d'heures ouvrées négatif ({hours})",
        )
    start = start.astimezone(UTC)
    if hours == 0:
        return start
    # A positive amount under a microsecond rounds to zero but still moves into business time,
    # so that adding in steps agrees with adding at once.
    remaining = timedelta(hours=hours)
    day = calendar.local_date(start)
    closed_days = 0
    while closed_days < _MAX_CLOSED_DAYS:
        opened = False
        for window_start, window_end in calendar.windows(day):
            opened = True
            begin = max(window_start, start)
            if window_end <= begin:
                continue
            available = window_end - begin
            if remaining <= available:
                return begin + remaining
            remaining -= available
        closed_days = 0 if opened else closed_days + 1
        day += timedelta(days=1)
    raise CaseError(
        en=f"the business calendar is closed for {_MAX_CLOSED_DAYS} days in a row",
        fr=f"le calendrier ouvré est fermé {_MAX_CLOSED_DAYS} jours de suite",
    )


def business_hours_between(a: datetime, b: datetime, calendar: BusinessCalendar) -> float:
    """Business hours from `a` to `b` (negative when `b` comes first)."""
    require_aware(a, "a")
    require_aware(b, "b")
    if b < a:
        return -business_hours_between(b, a, calendar)
    a, b = a.astimezone(UTC), b.astimezone(UTC)
    total = timedelta(0)
    day, last = calendar.local_date(a), calendar.local_date(b)
    while day <= last:
        for window_start, window_end in calendar.windows(day):
            low, high = max(window_start, a), min(window_end, b)
            if high > low:
                total += high - low
        day += timedelta(days=1)
    return total / timedelta(hours=1)
