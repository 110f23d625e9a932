"""Pathway files as the commands read them, and the report options a file may carry.

A pathway file holds one pathway document, a JSON list of them, or an object with the list
under ``pathways`` and, under ``report``, how ``helhed report`` counts it (an object with
either key is read so)::

    {"report": {"period": {"start": "2018-01-01", "end": "2019-02-28"},
                "units": ["Sygedagpengehuset", "Job- og Aktivhuset"],
                "offer": "Åben og Rolig", "via": "Åben og Rolig Flex"},
     "pathways": [...]}

Every key of ``report`` may be left out; an option given on the command line wins over the
file's. ``helhed example aalborg`` writes its log so, with the evaluation's period, its units
in the order of tabel 1 and the Flex offers of tabel 3 (AALBORG2019), so that
``helhed report`` on it reproduces the published tables without options. ``helhed check``
reads the same files and leaves ``report`` aside.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

import attrs

from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.cli._common import date_argument, load_many, read_json
from helhed.errors import ValidationError
from helhed.organisation import Period
from helhed.pathways.pathway import Pathway
from helhed.serialization import from_dicts, to_dict

__all__ = ["ReportOptions", "log_document", "read_log"]

_LOG_KEYS = frozenset({"report", "pathways"})
_REPORT_KEYS = ("period", "units", "offer", "via")
_PERIOD_KEYS = ("start", "end")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class ReportOptions:
    """How ``helhed report`` counts a log, as a pathway file may carry it.

    Attributes:
        period: The days counted, both ends included; None: the first to the last event's day.
        units: The units shown, in this order; None: every unit with a conversation,
            alphabetically.
        offer: The intervention of the status table; None: the offer started most often.
        via: The offer of a referral leading to the intervention, so that citizens referred
            but not yet decided count; None: only citizens with an event of the intervention.
    """

    period: Period | None = None
    units: tuple[str, ...] | None = None
    offer: str | None = None
    via: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The options as the ``report`` object of a pathway file, leaving out those not set."""
        data: dict[str, Any] = {}
        if self.period is not None:
            data["period"] = {"start": str(self.period.start), "end": str(self.period.end)}
        if self.units is not None:
            data["units"] = list(self.units)
        if self.offer is not None:
            data["offer"] = self.offer
        if self.via is not None:
            data["via"] = self.via
        return data


def log_document(pathways: Any, options: ReportOptions) -> dict[str, Any]:
    """A pathway file's data: the ``report`` options and the ``pathways`` as documents."""
    return {"report": options.to_json(), "pathways": [to_dict(p) for p in pathways]}


def read_log(path: str, encoding: str | None = None) -> tuple[list[Pathway], ReportOptions]:
    """The pathways of a file (``-``: standard input) and the report options it carries.

    Raises:
        ValidationError: Naming every bad field by path, e.g.
            ``report.period.start: must be a date written YYYY-MM-DD`` or
            ``pathways[3].events[0].offer: must be a string``.
    """
    data = read_json(path, encoding)
    if not (isinstance(data, dict) and _LOG_KEYS & data.keys()):
        return load_many(data, Pathway), ReportOptions()
    check = Checker()
    for key in sorted(set(data) - _LOG_KEYS):
        check.fail(key, "is not a known field; a log holds report and pathways")
    options = _options(data.get("report", {}), check)
    pathways: list[Pathway] = []
    if "pathways" not in data:
        check.fail("pathways", "is required, a list of pathway documents")
    else:
        try:
            pathways = from_dicts(data["pathways"], Pathway, path="pathways")
        except ValidationError as exc:
            check.problems.extend(exc.problems)
    check.done()
    return pathways, options


def _options(data: object, check: Checker) -> ReportOptions:
    """The ``report`` object read into options; its problems go to ``check``."""
    if not isinstance(data, dict):
        check.fail("report", "must be an object of " + ", ".join(_REPORT_KEYS))
        return ReportOptions()
    for key in sorted(set(data) - set(_REPORT_KEYS)):
        check.fail(f"report.{key}", "is not a known field; expected " + ", ".join(_REPORT_KEYS))
    period = _period(data.get("period"), check)
    units = data.get("units")
    if units is not None and not (
        isinstance(units, list) and units and all(isinstance(u, str) and u.strip() for u in units)
    ):
        check.fail("report.units", "must be a list of unit names, not empty")
        units = None
    for key in ("offer", "via"):
        check.text(data.get(key), f"report.{key}", optional=True)
    if check.problems:
        return ReportOptions()
    return ReportOptions(
        period=period,
        units=None if units is None else tuple(units),
        offer=data.get("offer"),
        via=data.get("via"),
    )


def _period(data: object, check: Checker) -> Period | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        check.fail("report.period", "must be an object of start and end")
        return None
    for key in sorted(set(data) - set(_PERIOD_KEYS)):
        check.fail(f"report.period.{key}", "is not a known field; expected start, end")
    days = [_day(data.get(key), f"report.period.{key}", check) for key in _PERIOD_KEYS]
    start, end = days
    if start is None or end is None:
        return None
    if not check.expect(end >= start, "report.period.end", "must not be before start"):
        return None
    return Period(start, end)


def _day(value: object, path: str, check: Checker) -> dt.date | None:
    if not isinstance(value, str):
        check.fail(path, "is required, a date written YYYY-MM-DD")
        return None
    try:
        return date_argument(value)
    except argparse.ArgumentTypeError as exc:
        check.fail(path, str(exc))
        return None
