"""The employment authority's name and the rehabilitation team, by date.

Worked out from the sources: SST2019 (2019) describes job centres and a statutory
rehabilitation team. Lov nr. 1750 af 29.12.2025 changes "jobcenteret" to "kommunen" and
removes the rehabilitation team; it takes effect on 1 February and 1 July 2026 (STAR), and
which step carries these changes is not read - so 1 February to 30 June 2026 repeats the old
rule and is marked beyond known law, and from 1 July 2026 the new rule holds. Phase two
(expected 1 January 2027) is not encoded.
"""

import datetime as dt

import pytest

from helhed.authority import (
    AUTHORITY,
    REFORM_IN_FULL,
    REHABILITATION_TEAM,
    authority_name,
    rehabilitation_team,
)
from helhed.errors import NoRuleError
from helhed.organisation import Administration
from helhed.sources import Verification

V, A, S, U = (
    Verification.VERIFIED,
    Verification.AGENCY,
    Verification.SECONDARY,
    Verification.UNVERIFIED,
)


@pytest.mark.parametrize(
    ("on", "code", "labels", "verification", "beyond"),
    [
        (dt.date(2018, 1, 19), "jobcenter", ("jobcentret", "the job centre"), V, False),
        (dt.date(2026, 1, 31), "jobcenter", ("jobcentret", "the job centre"), V, False),
        (dt.date(2026, 2, 1), "jobcenter", ("jobcentret", "the job centre"), U, True),
        (dt.date(2026, 6, 30), "jobcenter", ("jobcentret", "the job centre"), U, True),
        (dt.date(2026, 7, 1), "kommune", ("kommunen", "the municipality"), A, False),
        (dt.date(2026, 12, 4), "kommune", ("kommunen", "the municipality"), A, False),
        (dt.date(2027, 1, 1), "kommune", ("kommunen", "the municipality"), A, True),
    ],
)
def test_the_authority_is_the_job_centre_until_lov_1750_applies_in_full(
    on, code, labels, verification, beyond
):
    answer = authority_name(on=on)

    assert (answer.authority.code, (answer.label_da, answer.label_en)) == (code, labels)
    assert (answer.verification, answer.beyond_known_law) == (verification, beyond)
    assert answer.reasons[0].code == f"authority.{code}"
    assert [r.code for r in answer.reasons].count("law.beyond_known") == int(beyond)


def test_the_beyond_reasons_name_the_two_steps_and_the_two_expected_laws():
    window = authority_name(on=dt.date(2026, 3, 1)).reasons[-1]
    horizon = authority_name(on=dt.date(2027, 1, 1)).reasons[-1]

    assert "1. februar og 1. juli 2026" in window.text_da
    assert "1 February and 1 July 2026" in window.text_en
    assert "ny lov om en aktiv beskæftigelsesindsats" in horizon.text_da
    assert "sanktions- og sygedagpengesystemet" in horizon.text_da
    assert "a law changing the sanction and sickness benefit system" in horizon.text_en


@pytest.mark.parametrize(
    ("on", "required", "beyond"),
    [
        (dt.date(2019, 1, 17), True, False),
        (dt.date(2026, 1, 31), True, False),
        (dt.date(2026, 2, 1), True, True),
        (REFORM_IN_FULL, False, False),
        (dt.date(2027, 6, 1), False, True),
    ],
)
def test_the_rehabilitation_team_is_required_until_1_july_2026(on, required, beyond):
    answer = rehabilitation_team(on=on)

    assert (answer.required, answer.beyond_known_law) == (required, beyond)
    expected = "rehabilitation_team.required" if required else "rehabilitation_team.abolished"
    assert answer.reasons[0].code == expected


def test_before_the_first_rule_there_is_no_answer():
    with pytest.raises(NoRuleError, match="2018-01-19"):
        authority_name(on=dt.date(2018, 1, 18))
    with pytest.raises(NoRuleError, match="2018-01-19"):
        rehabilitation_team(on=dt.date(2018, 1, 18))


def test_the_stored_code_of_the_employment_administration_does_not_change():
    assert Administration.JOB_CENTRE.code == "jobcenter"
    assert Administration.from_code("jobcenter") is Administration.JOB_CENTRE


def test_each_table_has_the_three_rows_and_the_2027_horizon():
    for table in (AUTHORITY, REHABILITATION_TEAM):
        assert [r.valid_from for r in table.rows] == [
            dt.date(2018, 1, 19),
            dt.date(2026, 2, 1),
            dt.date(2026, 7, 1),
        ]
        assert [r.verification for r in table.rows][1] is U
        assert table.horizon is not None
        assert table.horizon.starts == dt.date(2027, 1, 1)
