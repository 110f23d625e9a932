"""The pathway commands: check, report, example, and the pathway part of the demo."""

import datetime as dt
import json

from helhed.cli import main
from helhed.examples import aalborg_pathways
from helhed.organisation import Administration
from helhed.pathways import events as ev
from helhed.pathways.pathway import Pathway
from helhed.serialization import SCHEMA_VERSION, from_dict, to_dict
from samples import run_cli as run

A = Administration


def late_contact(cid="borger-7", contact=dt.date(2024, 3, 14)):
    day = dt.date(2024, 3, 4)
    return Pathway.of(
        [
            ev.Referred(
                citizen_id=cid,
                occurred_on=day,
                recorded_by=A.JOB_CENTRE,
                referral_id="r-1",
                offer="afklarende sundhedssamtale",
                to=A.HEALTH,
                voluntary=True,
            ),
            ev.ReferralAccepted(
                citizen_id=cid, occurred_on=day, recorded_by=A.JOB_CENTRE, referral_id="r-1"
            ),
            ev.ContactMade(
                citizen_id=cid, occurred_on=contact, recorded_by=A.HEALTH, referral_id="r-1"
            ),
        ]
    )


def test_check_names_the_citizen_both_dates_and_the_citation_and_exits_1(capsys, tmp_path):
    path = tmp_path / "log.json"
    path.write_text(json.dumps([to_dict(late_contact())]), encoding="utf-8")

    code, out, err = run(capsys, "check", str(path), "--protocol", "halsnaes", "--on", "2024-04-01")

    assert code == 1
    assert err == ""
    first, summary = out.splitlines()
    assert first.startswith(
        "borger-7 [halsnaes.contact_within_week] error (2024-03-04, 2024-03-14)"
    )
    assert "Referral accepted on 2024-03-04; contact made on 2024-03-14, 10 days later" in first
    assert first.endswith("(HALSNAES)")
    assert summary == (
        "1 pathway, 3 events checked against 'halsnaes' on 2024-04-01: 1 error, 0 warnings, "
        "0 notices"
    )


def test_check_of_a_compliant_log_exits_0_and_writes_json_on_request(capsys, monkeypatch):
    text = json.dumps(to_dict(late_contact(contact=dt.date(2024, 3, 11))))

    code, out, _ = run(
        capsys,
        "check",
        "-",
        "--protocol",
        "halsnaes",
        "--on",
        "2024-04-01",
        "--json",
        stdin=text,
        monkeypatch=monkeypatch,
    )

    assert code == 0
    report = json.loads(out)
    assert report["findings"] == []
    assert report["protocol"] == "halsnaes"
    assert report["schema_version"] == SCHEMA_VERSION


def test_check_reports_bad_pathways_by_path_with_exit_2(capsys, monkeypatch):
    data = [to_dict(late_contact()), to_dict(late_contact("b"))]
    data[1]["events"][2]["occurred_on"] = "2024-03-01"
    data[0]["events"][0]["offer"] = 7

    code, out, err = run(
        capsys,
        "check",
        "-",
        "--protocol",
        "halsnaes",
        stdin=json.dumps(data),
        monkeypatch=monkeypatch,
    )

    assert code == 2
    assert out == ""
    assert err == (
        "helhed: error: [0].events[0].offer: must be a string; [1].events[2]: is recorded on "
        "2024-03-01, before events[0] (Referred, 2024-03-04), recorded on 2024-03-04; the log is "
        "in the order of recording. An event recorded late gives the day it was recorded in "
        "recorded_on\n"
    )


def test_an_unknown_protocol_is_refused_by_the_parser(capsys):
    code = None
    try:
        main(["check", "x.json", "--protocol", "nope"])
    except SystemExit as exc:
        code = exc.code
    assert code == 2
    assert "invalid choice: 'nope'" in capsys.readouterr().err


def test_example_and_report_reproduce_the_aalborg_tables(capsys, monkeypatch):
    code, out, _ = run(capsys, "example", "aalborg")
    assert code == 0
    data = json.loads(out)
    assert [from_dict(d, Pathway) for d in data["pathways"]] == list(aalborg_pathways())

    code, out, _ = run(
        capsys,
        "report",
        "-",
        "--from",
        "2018-01-01",
        "--to",
        "2019-02-28",
        "--units",
        "Sygedagpengehuset,Job- og Aktivhuset,Virksomhedscenteret,Uddannelseshuset",
        "--offer",
        "Åben og Rolig",
        "--via",
        "Åben og Rolig Flex",
        "--decimal-comma",
        stdin=out,
        monkeypatch=monkeypatch,
    )

    assert code == 0
    assert "| Sygedagpengehuset | 32 | 60 | 1,9 | 21 |" in out
    assert "| Total | 179 | 366 | 2 | 166 |" in out
    assert "| Egen læge | 27 |" in out
    assert "| Completed | 31 | 39 |" in out
    assert "| Total | 80 | 100 |" in out


def test_report_defaults_to_the_span_of_the_log_and_the_busiest_offer(capsys, tmp_path):
    path = tmp_path / "log.json"
    path.write_text(json.dumps([to_dict(p) for p in aalborg_pathways()]), encoding="utf-8")

    code, out, _ = run(capsys, "report", str(path))

    assert code == 0
    assert "Health conversations by unit, 2018-01-" in out
    assert "Status of Åben og Rolig on 2019-" in out


def test_report_of_nothing_is_a_clear_error(capsys, monkeypatch):
    code, _, err = run(capsys, "report", "-", stdin="[]", monkeypatch=monkeypatch)

    assert code == 2
    assert err == "helhed: error: the file holds no events to report on\n"


def test_demo_ends_with_the_aalborg_tables_and_two_checks(capsys):
    code, out, _ = run(capsys, "demo", "--size", "50")

    assert code == 0
    assert "Aalborg example log: 259 pathways" in out
    assert "| Total | 179 | 366 | 2 | 166 |" in out
    assert "against 'odense-samtykke' on 2019-02-28: 0 errors, 0 warnings" in out
    assert "56 pathways" in out
    assert "against 'halsnaes' on 2021-12-31: 14 errors, 6 warnings, 0 notices" in out
