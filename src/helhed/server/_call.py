"""What every operation is given: the server's settings and one request's read fields and day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from helhed._meta import REDACT, SENSITIVE
from helhed._validation import Checker
from helhed._values import frozen_fields

__all__ = ["DEFAULT_MAX_BODY", "MAX_BODY_RANGE", "Call", "Settings", "clock"]

DEFAULT_MAX_BODY = 10 * 1024 * 1024
"""The largest request body a server reads unless told otherwise: 10 MiB, about twenty times
the JSON of the whole Aalborg example log (1,668 events)."""


def clock() -> dt.date:
    """Today's date on the machine's clock, in its local time zone.

    The command line and the service are the only places helhed reads the clock; the library
    never does, so its answers depend on the day they are asked about, not the day they run.
    """
    return dt.datetime.now().astimezone().date()


MAX_BODY_RANGE = (1024, 2**30)
"""The body limits a server may be given, in bytes: from 1 KiB to 1 GiB."""


@attrs.frozen(kw_only=True)
class Settings:
    """How a server answers, the same for every request.

    Attributes:
        on: The day a dated request that leaves out ``on`` is answered for; None for today's
            date on the server's clock.
        max_body: The largest request body read, in bytes; a larger one is refused with 413.
        today: Today's date; the server's clock unless a test sets another.
    """

    on: dt.date | None = None
    max_body: int = DEFAULT_MAX_BODY
    today: Callable[[], dt.date] = attrs.field(default=clock, eq=False)

    def __attrs_post_init__(self) -> None:
        """The day must be a date, the limit a whole number of bytes in ``MAX_BODY_RANGE``."""
        check = Checker()
        check.day(self.on, "on", optional=True)
        low, high = MAX_BODY_RANGE
        check.whole(self.max_body, "max_body", minimum=low, maximum=high)
        check.expect(callable(self.today), "today", "must be a function giving today's date")
        check.done()


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Call:
    """One request as an operation sees it: its fields read, and its day.

    Attributes:
        fields: The body's fields, read; absent optional fields are left out.
        params: The path's parameters, e.g. a protocol's id.
        on: The day the answer is for; None for an undated operation.
    """

    fields: Mapping[str, Any] = attrs.field(repr=REDACT, metadata=SENSITIVE)  # answers, health
    params: Mapping[str, str] = attrs.field(factory=dict)
    on: dt.date | None = None

    @property
    def day(self) -> dt.date:
        """The day of a dated operation."""
        if self.on is None:  # pragma: no cover - a programming error
            raise TypeError("an undated operation has no day")
        return self.on
