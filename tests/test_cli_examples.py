"""``helhed example``: the logs, citizens and profile it prints feed the other commands as they are.

The Aalborg log carries how ``helhed report`` counts it, so that the report reproduces the
published tables (AALBORG2019 tabel 1-3, held in ``helhed.cases.aalborg``) with no options.
"""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest

from helhed.cases.aalborg import (
    CONVERSATIONS_BY_UNIT,
    CONVERSATIONS_PER_CITIZEN,
    CONVERSATIONS_PER_CITIZEN_IN_ALL,
    EVALUATION_PERIOD,
    FLEX_CITIZENS,
    FLEX_OUTCOMES,
    FLEX_SHARES,
    FLEX_STATUS,
    REFERRALS_BY_DESTINATION,
    UNITS,
)
from helhed.cli import main
from helhed.cli._logs import ReportOptions, log_document
from helhed.examples import aalborg_pathways, example_citizens
from helhed.pathways.pathway import Pathway
from helhed.pathways.reports import InterventionStatus
from helhed.serialization import from_dict, to_dict
from helhed.target_groups import classify
from samples import run_cli as run

AWAITING = InterventionStatus.AWAITING


def _cell(text):
    text = text.strip()
    if text.isdigit():
        return int(text)
    if text.replace(".", "", 1).isdigit():
        return Decimal(text)
    return text


def report_tables(out):
    """Each Markdown table of a report: its title and its body rows, as values."""
    found, title, rows = [], None, None
    for line in [*out.splitlines(), ""]:
        if line.startswith("|"):
            rows = [] if rows is None else rows
            rows.append(tuple(_cell(c) for c in line.strip().strip("|").split("|")))
        elif rows is not None:
            found.append((title, rows[2:]))  # rows[:2]: the header and the ---: line
            rows = None
        elif line.startswith(("Health conversations", "Onward referrals", "Status of")):
            title = line
    return found


@pytest.fixture(scope="module")
def aalborg_file(tmp_path_factory):
    """``helhed example aalborg > aalborg.json``."""
    path = tmp_path_factory.mktemp("example") / "aalborg.json"
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", out)
        assert main(["example", "aalborg"]) == 0
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_the_aalborg_example_carries_its_period_units_and_offers(aalborg_file):
    data = json.loads(aalborg_file.read_text(encoding="utf-8"))

    assert data["report"] == {
        "period": {"start": "2018-01-01", "end": "2019-02-28"},
        "units": [
            "Sygedagpengehuset",
            "Job- og Aktivhuset",
            "Virksomhedscenteret",
            "Uddannelseshuset",
        ],
        "offer": "Åben og Rolig",
        "via": "Åben og Rolig Flex",
    }
    assert [from_dict(d, Pathway) for d in data["pathways"]] == list(aalborg_pathways())


def test_report_on_the_example_alone_gives_the_published_tables(capsys, aalborg_file):
    code, out, err = run(capsys, "report", str(aalborg_file))

    assert (code, err) == (0, "")
    (t1_title, t1), (t2_title, t2), (t3_title, t3) = report_tables(out)
    period = f"{EVALUATION_PERIOD.start} to {EVALUATION_PERIOD.end}"
    # Tabel 1: per unit, in the table's order, and the row "I alt".
    assert t1_title == f"Health conversations by unit, {period}"
    in_all = [sum(row[i] for row in CONVERSATIONS_BY_UNIT.values()) for i in range(3)]
    assert t1 == [
        *(
            (unit, citizens, talks, CONVERSATIONS_PER_CITIZEN[unit], referrals)
            for unit, (citizens, talks, referrals) in CONVERSATIONS_BY_UNIT.items()
        ),
        ("Total", *in_all[:2], CONVERSATIONS_PER_CITIZEN_IN_ALL, in_all[2]),
    ]
    assert [row[0] for row in t1[:-1]] == list(UNITS)
    assert t1[-1] == ("Total", 179, 366, 2, 166)  # tabel 1's row "I alt", as printed
    # Tabel 2, most referrals first as published.
    assert t2_title == f"Onward referrals by destination, {period}"
    assert t2 == [*REFERRALS_BY_DESTINATION.items(), ("Total", 166)]
    # Tabel 3: its four rows with their printed shares, and its total of 80 at 100 %. The
    # rows add up to 79: the 80th citizen is still in the preparatory conversations and has
    # the one row the published table lacks, 1 of 80 = 1.25 %, rounded to 1.
    assert t3_title == f"Status of Åben og Rolig on {EVALUATION_PERIOD.end}"
    assert t3 == [
        *((s.label_en, FLEX_STATUS[s], FLEX_SHARES[s]) for s in FLEX_OUTCOMES),
        (AWAITING.label_en, FLEX_CITIZENS - sum(FLEX_STATUS.values()), 1),
        ("Total", FLEX_CITIZENS, 100),
    ]
    assert t3[-1] == ("Total", 80, 100)


def test_options_on_the_command_line_win_over_the_file_s(capsys, aalborg_file):
    code, out, _ = run(
        capsys, "report", str(aalborg_file), "--to", "2018-06-30", "--units", "Uddannelseshuset"
    )

    assert code == 0
    (t1_title, t1), _, (t3_title, _) = report_tables(out)
    assert t1_title == "Health conversations by unit, 2018-01-01 to 2018-06-30"
    assert [row[0] for row in t1] == ["Uddannelseshuset", "Total"]
    assert t3_title == "Status of Åben og Rolig on 2018-06-30"


def test_a_plain_list_is_reported_over_the_span_of_its_events(capsys, tmp_path):
    # Without the file's options: the first event is on 3 January 2018, units are
    # alphabetical, and only the 79 citizens with an event of the team course count, so
    # 25 of 79 is 32 % where tabel 3 prints 31 % of 80.
    path = tmp_path / "plain.json"
    path.write_text(json.dumps([to_dict(p) for p in aalborg_pathways()]), encoding="utf-8")

    code, out, _ = run(capsys, "report", str(path))

    assert code == 0
    (t1_title, t1), _, (_, t3) = report_tables(out)
    assert t1_title == "Health conversations by unit, 2018-01-03 to 2019-02-28"
    assert [row[0] for row in t1][:2] == ["Job- og Aktivhuset", "Sygedagpengehuset"]
    assert t3[-2:] == [("Did not start", 25, 32), ("Total", 79, 100)]


def test_options_not_set_are_left_out_of_the_file():
    assert ReportOptions().to_json() == {}
    assert log_document([], ReportOptions(offer="Åben og Rolig")) == {
        "report": {"offer": "Åben og Rolig"},
        "pathways": [],
    }


def test_check_reads_the_log_with_its_report_options(capsys, aalborg_file):
    code, out, _ = run(
        capsys, "check", str(aalborg_file), "--protocol", "aalborg", "--on", "2019-02-28"
    )

    assert code == 0
    assert out == (
        "259 pathways, 1,668 events checked against 'aalborg' on 2019-02-28: 0 errors, "
        "0 warnings, 0 notices\n"
    )


@pytest.mark.parametrize(
    ("log", "message"),
    [
        (
            {"report": {"period": {"start": "2018-01-01", "end": "1.3.2019"}}, "pathways": []},
            "report.period.end: must be a date written YYYY-MM-DD",
        ),
        (
            {"report": {"period": {"start": "2019-01-01", "end": "2018-01-01"}}, "pathways": []},
            "report.period.end: must not be before start",
        ),
        (
            {"report": {"period": {"start": "2018-01-01"}}, "pathways": []},
            "report.period.end: is required, a date written YYYY-MM-DD",
        ),
        (
            {"report": {"units": [], "offer": 3, "till": 1}, "pathways": [], "x": 0},
            "x: is not a known field; a log holds report and pathways; report.till: is not a "
            "known field; expected period, units, offer, via; report.units: must be a list of "
            "unit names, not empty; report.offer: must be a string or null",
        ),
        (
            {"report": [], "pathways": {}},
            "report: must be an object of period, units, offer, "
            "via; pathways: must be a list of pathway documents",
        ),
        (
            {"report": {"period": "2018"}, "pathways": []},
            "report.period: must be an object of start and end",
        ),
        (
            {"report": {"period": {"start": 20180101, "end": "2019-02-28", "days": 1}}},
            "report.period.days: is not a known field; expected start, end; "
            "report.period.start: is required, a date written YYYY-MM-DD; pathways: is "
            "required, a list of pathway documents",
        ),
        (
            {"pathways": [{"schema_version": 3, "citizen_id": "a", "events": [], "y": 1}]},
            "pathways[0].y: is not a known field",
        ),
    ],
)
def test_a_bad_log_is_refused_by_path_with_exit_2(capsys, monkeypatch, log, message):
    for command in (["report", "-"], ["check", "-", "--protocol", "aalborg"]):
        code, out, err = run(capsys, *command, stdin=json.dumps(log), monkeypatch=monkeypatch)

        assert (code, out) == (2, "")
        assert err == f"helhed: error: {message}\n"


def test_example_citizens_are_a_list_classify_takes_on_the_readme_s_day(capsys, monkeypatch):
    code, out, _ = run(capsys, "example", "citizens")
    assert code == 0
    data = json.loads(out)
    assert [d["id"] for d in data] == [f"demo-{i:05d}" for i in range(20)]

    code, out, err = run(
        capsys, "classify", "-", "--on", "2026-11-02", stdin=out, monkeypatch=monkeypatch
    )

    assert (code, err) == (0, "")
    on = dt.date(2026, 11, 2)
    assert json.loads(out) == [to_dict(classify(c, on=on)) for c in example_citizens()]


def test_example_readiness_is_a_profile_readiness_takes(capsys, monkeypatch):
    code, out, _ = run(capsys, "example", "readiness")
    assert code == 0
    profile = json.loads(out)
    assert profile["name"] == "Eksempelkommune (invented)"

    code, out, err = run(capsys, "readiness", "-", stdin=out, monkeypatch=monkeypatch)

    assert (code, err) == (0, "")
    # The nine general prerequisites (SST2019 kap. 5) and model 4's catalogue: model 1 adds
    # three (kap. 6), models 2 and 3 two each (kap. 7, 8), model 4 one, which is in place.
    heads = [line.split(": ", 1)[1] for line in out.splitlines() if line.startswith("Model ")]
    assert heads == [
        "9 of 12 in place, 3 missing",
        "9 of 11 in place, 2 missing",
        "9 of 11 in place, 2 missing",
        "10 of 10 in place, ready",
    ]
