"""The one clock: today's date as ISO text (every default "as of" day comes from here), and the one rule for
times: machine formats (CSV, TSV, JSON) give ISO 8601 with the UTC offset, tables the local wall-clock time, file
names the local time with the offset (20240301-101500-123456+0800)."""

from __future__ import annotations

from datetime import date, datetime, timezone


def today() -> str:
    return date.today().isoformat()


def utc_moment() -> datetime:
    """Now, as an aware UTC datetime (what the change log's times are compared with)."""
    return datetime.now(timezone.utc)


def utc_now() -> str:
    """Now as the change log writes it (2024-03-01T02:15:00.123Z): a voiding's or an outcome's time."""
    return utc_moment().strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def local(value: datetime | str) -> datetime:
    """A moment (an aware datetime, or ISO text such as the change log's 2024-03-01T02:15:00.123Z) in local time;
    a naive value is taken as local already."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.astimezone()


def local_iso(value: datetime | str) -> str:
    """For machines: 2024-03-01T10:15:00.123+08:00 (milliseconds kept when the moment has them)."""
    moment = local(value)
    return moment.isoformat(timespec="milliseconds" if moment.microsecond else "seconds")


def local_text(value: datetime | str) -> str:
    """For people: 2024-03-01 10:15:00, local time."""
    return local(value).strftime("%Y-%m-%d %H:%M:%S")


def file_stamp() -> str:
    """For file names: the local time with its offset, sortable and unique to the microsecond."""
    return datetime.now().astimezone().strftime("%Y%m%d-%H%M%S-%f%z")
