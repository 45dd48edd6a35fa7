"""Time: every stored timestamp is naive UTC; people see Europe/London (or VOICE_TIMEZONE)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Europe/London")


def utcnow() -> datetime:
    """Now, as naive UTC (what the database stores, the same on SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


def parse_local(text: str) -> datetime:
    """Parse an ISO date or date-time typed by staff. Without an offset it is local time.

    Returns naive UTC. Raises ValueError with a readable message on nonsense.
    """
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date and time like 2026-11-23T09:00") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL)
    return moment.astimezone(UTC).replace(tzinfo=None)


def to_local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone(LOCAL)


def friendly(moment: datetime) -> str:
    """'Monday 23 November at 9:00am', in local time, for children and teachers."""
    local = to_local(moment)
    hour = local.strftime("%I").lstrip("0") or "12"
    return f"{local:%A} {local.day} {local:%B} at {hour}:{local:%M}{local:%p}".replace(
        "AM", "am"
    ).replace("PM", "pm")
