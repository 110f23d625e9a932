"""Progression between two results: direction, threshold, same instrument, series and errors.

Worked by hand: a WHO-5 total counts four percentage points (WHO5), and a change of 10 points
or more is significant (WHO5) - so a total two apart (8 points) is not, three apart (12) is.
AUDIT and AUDIT-C count on their total, a higher total is worse, and helhed's sources give
them no threshold, so their changes are not judged. Progression compares the same instrument
before and after (helhed's reading of SST2019 kap. 6 and 6.2).
"""

from __future__ import annotations

import datetime as dt

import pytest

from helhed.errors import Problem, ValidationError
from helhed.screening import audit, audit_c, progression, who5
from helhed.screening.progression import Change, Direction, Measurement, Series, change

JAN, FEB, APR = dt.date(2024, 1, 8), dt.date(2024, 2, 8), dt.date(2024, 4, 8)
UP, DOWN, SAME = Direction.IMPROVED, Direction.WORSENED, Direction.UNCHANGED
UNKNOWN = "must be one of: who5, audit, audit-c"
SAME_TOOL = "must be the instrument of the earlier result; progression needs the same instrument"


def at(instrument: str, total: int, on: dt.date) -> Measurement:
    return Measurement(instrument=instrument, on=on, total=total)


def problems(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in exc.value.problems]


def test_the_direction_codes_and_labels() -> None:
    assert [(d.code, d.label_da, d.label_en) for d in Direction] == [
        ("bedring", "Bedring", "Improved"),
        ("forvaerring", "Forværring", "Worsened"),
        ("uaendret", "Uændret", "Unchanged"),
    ]


def who5_reason(delta: int) -> tuple[str, str, str, str]:
    code = "progression.significant" if abs(delta) >= 10 else "progression.not_significant"
    return (
        code,
        f"Ændring {delta:+d}; en ændring på 10 eller mere er betydende.",
        f"Change {delta:+d}; a change of 10 or more is significant.",
        "WHO5",
    )


def none_reason(title: str, cite: str) -> tuple[str, str, str, str]:
    return (
        "progression.no_threshold",
        f"helheds kilder til {title} giver ingen grænse for en betydende ændring; "
        "ændringen vurderes ikke.",
        f"helhed's sources for {title} give no threshold for a significant change; "
        "the change is not judged.",
        cite,
    )


@pytest.mark.parametrize(
    ("instrument", "totals", "expected", "golden"),
    [
        # WHO-5: higher is better; 4 points a total step; 10 points or more is significant
        ("who5", (10, 13), (12, UP, True), who5_reason(12)),
        ("who5", (13, 10), (-12, DOWN, True), who5_reason(-12)),
        ("who5", (10, 12), (8, UP, False), who5_reason(8)),
        ("who5", (12, 10), (-8, DOWN, False), who5_reason(-8)),
        ("who5", (10, 11), (4, UP, False), who5_reason(4)),
        ("who5", (10, 10), (0, SAME, False), who5_reason(0)),
        ("who5", (0, 25), (100, UP, True), who5_reason(100)),
        # AUDIT and AUDIT-C: higher is worse; no threshold in helhed's sources
        ("audit", (20, 8), (-12, UP, None), none_reason("AUDIT", "AUDIT2001")),
        ("audit", (8, 20), (12, DOWN, None), none_reason("AUDIT", "AUDIT2001")),
        ("audit", (8, 8), (0, SAME, None), none_reason("AUDIT", "AUDIT2001")),
        ("audit-c", (7, 2), (-5, UP, None), none_reason("AUDIT-C", "AUDITC")),
        ("audit-c", (2, 3), (1, DOWN, None), none_reason("AUDIT-C", "AUDITC")),
        ("audit-c", (12, 12), (0, SAME, None), none_reason("AUDIT-C", "AUDITC")),
    ],
)
def test_every_change_its_direction_significance_and_reason(
    instrument: str,
    totals: tuple[int, int],
    expected: tuple[int, Direction, bool | None],
    golden: tuple[str, str, str, str],
) -> None:
    first, last = at(instrument, totals[0], JAN), at(instrument, totals[1], APR)
    result = change(first, last)
    assert (result.instrument, result.before, result.after) == (instrument, first, last)
    assert (result.delta, result.direction, result.significant) == expected
    assert [(r.code, r.text_da, r.text_en, str(r.citation)) for r in result.reasons] == [golden]
    assert result.days == 91  # 8 January to 8 April 2024, a leap year


def test_a_change_that_reaches_the_threshold_exactly_is_significant(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # WHO-5 changes come in steps of 4 points, so 10 itself is never met; with a threshold of
    # 12 the rule "reaches the minimal change" is tested at the boundary on both sides.
    monkeypatch.setattr(who5, "MINIMAL_CHANGE", 12)
    for before, after, significant in ((10, 13, True), (13, 10, True), (10, 12, False)):
        result = change(at("who5", before, JAN), at("who5", after, APR))
        assert result.significant is significant
        assert result.reasons[0].code == (
            "progression.significant" if significant else "progression.not_significant"
        )
        assert "12 eller mere" in result.reasons[0].text_da


def test_the_smallest_change_has_a_direction(monkeypatch: pytest.MonkeyPatch) -> None:
    # Read on its raw total (a factor of 1), a WHO-5 one point higher is better, one lower
    # worse; AUDIT one point lower is better - the direction is the sign, whatever its size.
    monkeypatch.setattr(who5, "PROGRESSION_FACTOR", 1)
    assert change(at("who5", 10, JAN), at("who5", 11, APR)).direction is UP
    assert change(at("who5", 11, JAN), at("who5", 10, APR)).direction is DOWN
    assert change(at("audit", 11, JAN), at("audit", 10, APR)).direction is UP
    assert change(at("audit", 10, JAN), at("audit", 11, APR)).direction is DOWN


def test_the_instruments_constants_the_change_rests_on() -> None:
    assert (who5.HIGHER_IS_BETTER, who5.MINIMAL_CHANGE, who5.PROGRESSION_FACTOR) == (True, 10, 4)
    for tool in (audit, audit_c):
        assert (tool.HIGHER_IS_BETTER, tool.MINIMAL_CHANGE, tool.PROGRESSION_FACTOR) == (
            False,
            None,
            1,
        )


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (at("who5", 10, JAN), at("audit", 10, APR), [("after.instrument", SAME_TOOL)]),
        (at("audit", 10, JAN), at("audit-c", 10, APR), [("after.instrument", SAME_TOOL)]),
        (
            at("who5", 10, JAN),
            at("who5", 12, JAN),
            [("after.on", "must be after the earlier result")],
        ),
        (
            at("who5", 10, APR),
            at("who5", 12, JAN),
            [("after.on", "must be after the earlier result")],
        ),
        (
            at("audit", 10, APR),
            at("who5", 12, APR),
            [("after.instrument", SAME_TOOL), ("after.on", "must be after the earlier result")],
        ),
    ],
)
def test_change_needs_the_same_instrument_and_a_later_day(
    before: Measurement, after: Measurement, expected: list[tuple[str, str]]
) -> None:
    with pytest.raises(ValidationError) as exc:
        change(before, after)
    assert problems(exc) == expected


def test_change_needs_two_measurements() -> None:
    good = at("who5", 10, JAN)
    with pytest.raises(ValidationError) as exc:
        change(10, good)  # type: ignore[arg-type]
    assert problems(exc) == [("before", "must be a Measurement")]
    with pytest.raises(ValidationError) as exc:
        change(good, None)  # type: ignore[arg-type]
    assert problems(exc) == [("after", "must be a Measurement")]


def test_a_measurement_and_its_value_on_the_progression_scale() -> None:
    assert at("who5", 13, JAN).value == 52  # 13 x 4 percentage points
    assert at("who5", 25, JAN).value == 100
    assert at("audit", 13, JAN).value == 13
    assert at("audit-c", 12, JAN).value == 12
    m = Measurement.of(who5.score([3, 3, 2, 3, 2]), on=FEB)
    assert (m.instrument, m.on, m.total) == ("who5", FEB, 13)
    m = Measurement.of(audit_c.score([4, 0, 1]), on=JAN)
    assert (m.instrument, m.on, m.total) == ("audit-c", JAN, 5)
    assert at("audit", 0, JAN).total == 0


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"instrument": "alcohol", "on": JAN, "total": 3}, [("instrument", UNKNOWN)]),
        ({"instrument": "vba", "on": JAN, "total": 3}, [("instrument", UNKNOWN)]),
        ({"instrument": 5, "on": JAN, "total": 3}, [("instrument", UNKNOWN)]),
        # an unknown instrument has no maximum to check the total against
        ({"instrument": "x", "on": JAN, "total": 1000}, [("instrument", UNKNOWN)]),
        ({"instrument": "who5", "on": JAN, "total": 26}, [("total", "must be 25 or fewer")]),
        ({"instrument": "audit", "on": JAN, "total": 41}, [("total", "must be 40 or fewer")]),
        ({"instrument": "audit-c", "on": JAN, "total": 13}, [("total", "must be 12 or fewer")]),
        ({"instrument": "who5", "on": JAN, "total": -1}, [("total", "must be 0 or more")]),
        ({"instrument": "who5", "on": JAN, "total": 2.5}, [("total", "must be a whole number")]),
        ({"instrument": "who5", "on": "2024-01-08", "total": 3}, [("on", "must be a date")]),
        (
            {"instrument": "who5", "on": dt.datetime(2024, 1, 8, 12, tzinfo=dt.UTC), "total": 3},
            [("on", "must be a date")],
        ),
        (
            {"instrument": "x", "on": None, "total": -1},
            [("instrument", UNKNOWN), ("on", "must be a date"), ("total", "must be 0 or more")],
        ),
    ],
)
def test_measurement_problems(fields: dict[str, object], expected: list[tuple[str, str]]) -> None:
    with pytest.raises(ValidationError) as exc:
        Measurement(**fields)  # type: ignore[arg-type]
    assert problems(exc) == expected
    assert exc.value.problems == tuple(Problem(p, m) for p, m in expected)


def test_a_measurement_at_the_top_of_its_range_is_accepted() -> None:
    assert [at(i, t, JAN).total for i, t in (("who5", 25), ("audit", 40), ("audit-c", 12))] == [
        25,
        40,
        12,
    ]


def test_a_series_orders_its_results_and_compares_them() -> None:
    series = Series.of("c-1", [at("who5", 16, APR), at("who5", 10, JAN), at("who5", 12, FEB)])
    assert (series.citizen_id, series.instrument) == ("c-1", "who5")
    assert [m.on for m in series.measurements] == [JAN, FEB, APR]
    steps = series.changes()
    assert [(c.delta, c.direction, c.significant, c.days) for c in steps] == [
        (8, UP, False, 31),
        (16, UP, True, 60),
    ]
    overall = series.overall()
    assert overall is not None
    assert (overall.delta, overall.direction, overall.significant, overall.days) == (
        24,
        UP,
        True,
        91,
    )
    assert (overall.before.on, overall.after.on) == (JAN, APR)


def test_a_series_takes_its_instrument_from_the_earliest_result() -> None:
    series = Series.of("c-2", [at("audit", 20, APR), at("audit", 30, JAN)])
    assert series.instrument == "audit"
    overall = series.overall()
    assert overall is not None
    assert (overall.delta, overall.direction, overall.significant) == (-10, UP, None)
    with pytest.raises(ValidationError) as exc:
        Series.of("c-2", [at("audit", 20, APR), at("who5", 3, JAN)])
    assert problems(exc) == [("measurements[1].instrument", "must be the series' instrument")]


def test_a_series_of_one_has_no_change_and_grows_by_add() -> None:
    one = Series.of("c-1", [at("who5", 10, JAN)])
    assert one.overall() is None
    assert one.changes() == ()
    two = one.add(at("who5", 7, FEB))
    assert (two.citizen_id, two.instrument) == ("c-1", "who5")
    assert [m.total for m in two.measurements] == [10, 7]
    assert [(c.delta, c.direction, c.significant) for c in two.changes()] == [(-12, DOWN, True)]
    overall = two.overall()
    assert isinstance(overall, Change)
    assert overall.delta == -12
    three = two.add(at("who5", 7, APR))
    overall = three.overall()
    assert overall is not None
    assert (overall.delta, overall.direction, overall.before.on, overall.after.on) == (
        -12,
        DOWN,
        JAN,
        APR,
    )
    assert [c.direction for c in three.changes()] == [DOWN, SAME]
    with pytest.raises(ValidationError) as exc:
        two.add(at("who5", 12, JAN))
    assert problems(exc) == [("measurements[2].on", "must be after the one before")]
    with pytest.raises(ValidationError) as exc:
        two.add(at("audit", 12, APR))
    assert problems(exc) == [("measurements[2].instrument", "must be the series' instrument")]


W1, W2, W3 = at("who5", 10, JAN), at("who5", 11, FEB), at("who5", 12, APR)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"citizen_id": " ", "instrument": "who5", "measurements": ()},
            [("citizen_id", "must not be blank")],
        ),
        (
            {"citizen_id": 7, "instrument": "who5", "measurements": ()},
            [("citizen_id", "must be a string")],
        ),
        ({"citizen_id": "c", "instrument": "vba", "measurements": ()}, [("instrument", UNKNOWN)]),
        (
            {"citizen_id": "c", "instrument": "who5", "measurements": 5},
            [("measurements", "must be a tuple")],
        ),
        (
            {"citizen_id": "c", "instrument": "who5", "measurements": (W1, "x", W3)},
            [("measurements[1]", "must be a Measurement")],
        ),
        (
            {"citizen_id": "c", "instrument": "audit", "measurements": (W1, W2)},
            [
                ("measurements[0].instrument", "must be the series' instrument"),
                ("measurements[1].instrument", "must be the series' instrument"),
            ],
        ),
        (
            {"citizen_id": "c", "instrument": "who5", "measurements": (W1, W3, W2)},
            [("measurements[2].on", "must be after the one before")],
        ),
        (
            {"citizen_id": "c", "instrument": "who5", "measurements": (W2, W1, W3)},
            [("measurements[1].on", "must be after the one before")],
        ),
        (
            {"citizen_id": "c", "instrument": "who5", "measurements": (W1, W1)},
            [("measurements[1].on", "must be after the one before")],
        ),
        (
            {"citizen_id": "", "instrument": "x", "measurements": (W1,)},
            [
                ("citizen_id", "must not be blank"),
                ("instrument", UNKNOWN),
                ("measurements[0].instrument", "must be the series' instrument"),
            ],
        ),
    ],
)
def test_series_problems(fields: dict[str, object], expected: list[tuple[str, str]]) -> None:
    with pytest.raises(ValidationError) as exc:
        Series(**fields)  # type: ignore[arg-type]
    assert problems(exc) == expected


def test_a_series_needs_a_result() -> None:
    with pytest.raises(ValidationError) as exc:
        Series.of("c-1", [])
    assert problems(exc) == [("measurements", "must hold at least one result")]
    assert Series(citizen_id="c", instrument="who5", measurements=()).overall() is None


def test_the_module_exports() -> None:
    assert progression.__all__ == ["Change", "Direction", "Measurement", "Series", "change"]
