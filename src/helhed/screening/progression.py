"""Progression: how one citizen's results on one instrument change over time.

Model 1 asks for a validated progression tool (SST2019 kap. 6, among the model's
prerequisites: "Valideret progressionsmålingsværktøj"); Kolding screens again with WHO-5 at
the end of the course "med det mål at se, om de havde oplevet progression" (SST2019 6.2).
That progression is the same instrument before and after, its change read against the
instrument's own threshold, is helhed's reading of these two passages. A
[`Series`][helhed.screening.progression.Series] holds one citizen's results on one
questionnaire in date order; [`change`][helhed.screening.progression.change] compares two of
them:

* the change is read on the instrument's progression scale (WHO-5: percentage points; AUDIT
  and AUDIT-C: the total);
* its direction follows the instrument (a higher WHO-5 is better, a higher AUDIT worse);
* it is *significant* when it reaches the instrument's minimal change (WHO-5: 10 percentage
  points, WHO5); for instruments whose sources give no threshold (AUDIT, AUDIT-C) it is None -
  not known - rather than a guess. That AUDIT and AUDIT-C have none is what helhed found in
  its sources, not a statement of theirs, so the reason says so and cites the instrument;
* the time between the two results is given in days.

Examples:
    >>> import datetime as dt
    >>> from helhed.screening import who5
    >>> series = Series.of("c-1", [
    ...     Measurement.of(who5.score([2, 2, 1, 2, 2]), on=dt.date(2024, 1, 8)),
    ...     Measurement.of(who5.score([3, 3, 2, 3, 3]), on=dt.date(2024, 4, 8)),
    ... ])
    >>> result = series.overall()
    >>> result.delta, result.direction.code, result.significant, result.days
    (20, 'bedring', True, 91)
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable

import attrs

from helhed._coded import CodedEnum
from helhed._meta import NON_BLANK, REDACT, SENSITIVE
from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.errors import ValidationError, require
from helhed.screening._base import Score
from helhed.screening._registry import QUESTIONNAIRES, questionnaire
from helhed.sources import Reason

__all__ = ["Change", "Direction", "Measurement", "Series", "change"]


class Direction(CodedEnum):
    """Which way a change goes, for the citizen."""

    IMPROVED = ("bedring", "Bedring", "Improved")
    WORSENED = ("forvaerring", "Forværring", "Worsened")
    UNCHANGED = ("uaendret", "Uændret", "Unchanged")


def _known(check: Checker, instrument: object) -> bool:
    return check.expect(
        isinstance(instrument, str) and instrument in QUESTIONNAIRES,
        "instrument",
        "must be one of: " + ", ".join(QUESTIONNAIRES),
    )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Measurement:
    """One result on a questionnaire, on a day.

    Attributes:
        instrument: The questionnaire's registry name.
        on: The day of the result.
        total: The total (raw) score.
    """

    instrument: str = attrs.field(repr=REDACT, metadata={**SENSITIVE, **NON_BLANK})
    on: dt.date
    total: int = attrs.field(repr=REDACT, metadata=SENSITIVE)

    def __attrs_post_init__(self) -> None:
        """The instrument must be a known questionnaire and the total within its range."""
        check = Checker()
        known = _known(check, self.instrument)
        check.day(self.on, "on")
        maximum = questionnaire(self.instrument).MAX_TOTAL if known else None
        check.whole(self.total, "total", maximum=maximum)
        check.done()

    @classmethod
    def of(cls, score: Score, *, on: dt.date) -> Measurement:
        """The measurement of a score on a day."""
        return cls(instrument=score.instrument, on=on, total=score.total)

    @property
    def value(self) -> int:
        """The result on the progression scale (WHO-5: percentage score)."""
        return self.total * questionnaire(self.instrument).PROGRESSION_FACTOR


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Change:
    """The change between two results on the same questionnaire.

    Attributes:
        instrument: The questionnaire.
        before: The earlier result.
        after: The later result.
        delta: ``after.value - before.value`` on the progression scale.
        direction: Improved, worsened or unchanged, for the citizen.
        significant: True if the change reaches the minimal change; None if helhed's sources
            give the instrument no threshold.
        reasons: Why, each with its citation.
    """

    instrument: str = attrs.field(repr=REDACT, metadata=SENSITIVE)
    before: Measurement
    after: Measurement
    delta: int = attrs.field(repr=REDACT, metadata=SENSITIVE)
    direction: Direction = attrs.field(repr=REDACT, metadata=SENSITIVE)
    significant: bool | None = attrs.field(repr=REDACT, metadata=SENSITIVE)
    reasons: tuple[Reason, ...] = attrs.field(repr=REDACT, metadata=SENSITIVE)

    @property
    def days(self) -> int:
        """Days from the earlier result to the later."""
        return (self.after.on - self.before.on).days


def change(before: Measurement, after: Measurement) -> Change:
    """Compare two results on the same questionnaire.

    Raises:
        ValidationError: If the instruments differ or ``after`` is not later than ``before``.
    """
    require(before, Measurement, "before", "must be a Measurement")
    require(after, Measurement, "after", "must be a Measurement")
    check = Checker()
    check.expect(
        after.instrument == before.instrument,
        "after.instrument",
        "must be the instrument of the earlier result; progression needs the same instrument",
    )
    check.expect(after.on > before.on, "after.on", "must be after the earlier result")
    check.done()
    tool = questionnaire(before.instrument)
    delta = after.value - before.value
    better = delta > 0 if tool.HIGHER_IS_BETTER else delta < 0
    direction = (
        Direction.UNCHANGED if delta == 0 else Direction.IMPROVED if better else Direction.WORSENED
    )
    cite = tool.CITATION
    if tool.MINIMAL_CHANGE is None:
        significant = None
        reason = Reason(
            "progression.no_threshold",
            f"helheds kilder til {tool.TITLE} giver ingen grænse for en betydende ændring; "
            "ændringen vurderes ikke.",
            f"helhed's sources for {tool.TITLE} give no threshold for a significant change; "
            "the change is not judged.",
            cite,
        )
    else:
        significant = abs(delta) >= tool.MINIMAL_CHANGE
        reason = Reason(
            "progression.significant" if significant else "progression.not_significant",
            f"Ændring {delta:+d}; en ændring på {tool.MINIMAL_CHANGE} eller mere er betydende.",
            f"Change {delta:+d}; a change of {tool.MINIMAL_CHANGE} or more is significant.",
            cite,
        )
    return Change(
        instrument=tool.NAME,
        before=before,
        after=after,
        delta=delta,
        direction=direction,
        significant=significant,
        reasons=(reason,),
    )


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Series:
    """One citizen's results on one questionnaire, in date order.

    Attributes:
        citizen_id: The citizen.
        instrument: The questionnaire's registry name.
        measurements: The results, earliest first, on different days.
    """

    citizen_id: str = attrs.field(metadata=NON_BLANK)
    instrument: str = attrs.field(repr=REDACT, metadata={**SENSITIVE, **NON_BLANK})
    measurements: tuple[Measurement, ...]

    def __attrs_post_init__(self) -> None:
        """Every result is of the series' instrument, and days strictly increase."""
        check = Checker()
        check.text(self.citizen_id, "citizen_id")
        _known(check, self.instrument)
        if check.each(self.measurements, Measurement, "measurements"):
            for i, m in enumerate(self.measurements):
                check.expect(
                    m.instrument == self.instrument,
                    f"measurements[{i}].instrument",
                    "must be the series' instrument",
                )
            for i, (a, b) in enumerate(itertools.pairwise(self.measurements), start=1):
                check.expect(b.on > a.on, f"measurements[{i}].on", "must be after the one before")
        check.done()

    @classmethod
    def of(cls, citizen_id: str, measurements: Iterable[Measurement]) -> Series:
        """A series from measurements in any order, taking the instrument from the first.

        Raises:
            ValidationError: If there are none, or they break the series' rules.
        """
        ordered = tuple(sorted(measurements, key=lambda m: m.on))
        if not ordered:
            raise ValidationError.at("measurements", "must hold at least one result")
        return cls(citizen_id=citizen_id, instrument=ordered[0].instrument, measurements=ordered)

    def add(self, measurement: Measurement) -> Series:
        """Return the series with ``measurement`` added (it must be the latest)."""
        return Series(
            citizen_id=self.citizen_id,
            instrument=self.instrument,
            measurements=(*self.measurements, measurement),
        )

    def changes(self) -> tuple[Change, ...]:
        """The change between each result and the next."""
        return tuple(change(a, b) for a, b in itertools.pairwise(self.measurements))

    def overall(self) -> Change | None:
        """The change from the first result to the last; None with fewer than two."""
        if len(self.measurements) < 2:
            return None
        return change(self.measurements[0], self.measurements[-1])
