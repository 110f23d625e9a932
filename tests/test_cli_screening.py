"""The screen command and the Kolding part of the demo."""

import pytest

from helhed.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_screen_who5_prints_score_band_advice_and_reasons(capsys):
    code, out, _ = run(capsys, "screen", "who5", "3", "4", "2", "5", "1", "--on", "2024-03-04")

    assert code == 0
    assert out.splitlines() == [
        "WHO-5 on 2024-03-04",
        "raw score: 15 of 25; percentage score: 60",
        "band: No sign of poor well-being (percentage 51-100)",
        "advice: No follow-up on the score alone.",
        "  - [who5.good] Percentage score 60: no sign of poor well-being. (WHO5)",
        "  - [who5.item_low] Item 5 answered 0 or 1; recommend an assessment for depression. "
        "(WHO5)",
    ]


def test_screen_audit_moves_a_result_up_a_zone(capsys):
    code, out, _ = run(
        capsys,
        "screen",
        "audit",
        *["2", "1", "1", "2", "0", "0", "1", "0", "0", "4"],
        "--on",
        "2024-03-04",
    )

    assert code == 0
    assert "total: 11 of 40" in out
    assert "band: Harmful drinking (total 16-19)" in out


def test_screen_audit_c_needs_the_citizens_sex(capsys):
    code, out, _ = run(
        capsys, "screen", "audit-c", "1", "1", "1", "--sex", "mand", "--on", "2024-03-04"
    )

    assert code == 0
    assert "band: Negative screen (total 0-3)" in out
    code, out, _ = run(capsys, "screen", "audit-c", "1", "1", "1")
    assert code == 2


@pytest.mark.parametrize(("on", "above"), [("2022-03-06", "no"), ("2022-03-07", "yes")])
def test_screen_alcohol_reads_the_guidance_of_the_date(capsys, on, above):
    code, out, _ = run(capsys, "screen", "alcohol", "12", "3", "--on", on, "--sex", "kvinde")

    assert code == 0
    assert f"above the limit: {above}" in out


def test_bad_answers_are_one_line_naming_each_item_and_exit_2(capsys):
    code, out, err = run(capsys, "screen", "who5", "3", "4", "x", "9")

    assert code == 2
    assert out == ""
    assert err == (
        "helhed: error: answers: must hold 5 answers to WHO-5, not 4; answers[2]: item 3 must be "
        "a whole number from 0 to 5; answers[3]: item 4 must be a whole number from 0 to 5\n"
    )


def test_the_demo_has_the_kolding_team(capsys):
    code, out, _ = run(capsys, "demo", "--size", "20")

    assert code == 0
    assert (
        "Kolding, Sund på Tværs (SST2019 6.2), an invented team: 20 citizens, 10 returning" in out
    )
    assert "re-screened at the end: 20;" in out
    kolding = out.split("Kolding, Sund på Tværs")[1].split("\nModels 2 and 3")[0]
    assert kolding.rstrip().endswith(
        "checked against 'kolding' on 2024-06-03: 0 errors, 0 warnings, 0 notices"
    )
