"""The ``sygedagpenge`` protocol: the first follow-up by the end of week 8 (SDL § 13 b, stk. 1).

Worked by hand: the first day of absence is day 1, so the last day is the first plus 55 days.
First absence Monday 6 January 2025: 25 days to 31 January, 28 in February, then 2 March -
Sunday 2 March 2025. First absence Monday 8 January 2024: Sunday 3 March 2024 (2024 is a
leap year: 23 days to 31 January, 29 in February, 3 March).
"""

import datetime as dt
import io
import json

import pytest

pytest.importorskip("pyarrow")

from helhed.batch import check_frame, findings_of, report_frame
from helhed.benefits import Benefit
from helhed.cli import main
from helhed.cli.pathways import demo_pathway_part
from helhed.frames import to_frame
from helhed.organisation import Administration
from helhed.pathways import events as ev
from helhed.pathways.compliance import check
from helhed.pathways.pathway import Pathway
from helhed.pathways.sickness_follow_up import SICKNESS_FOLLOW_UP
from helhed.protocols import PROTOCOLS
from helhed.rules import FirstFollowUpByWeek8
from helhed.serialization import to_dict
from helhed.sources import Stated

A = Administration
FIRST = dt.date(2025, 1, 6)
LAST = dt.date(2025, 3, 2)
RULE_ID = "sygedagpenge.foerste_opfoelgning"


def _opened(cid, day):
    return ev.Referred(
        citizen_id=cid,
        occurred_on=day,
        recorded_by=A.JOB_CENTRE,
        referral_id="r-1",
        offer="sygedagpengeopfølgning",
        to=A.JOB_CENTRE,
        voluntary=False,
    )


def _benefit(cid, day, benefit=Benefit.SICKNESS_BENEFIT):
    return ev.BenefitChanged(
        citizen_id=cid, occurred_on=day, recorded_by=A.JOB_CENTRE, benefit=benefit
    )


def _talk(cid, day, kind=ev.ConversationKind.FOLLOW_UP):
    return ev.ConversationHeld(
        citizen_id=cid, occurred_on=day, recorded_by=A.JOB_CENTRE, conversation=kind
    )


def sick(*later, cid="c-1", first=FIRST):
    """A pathway opened on the first day of absence, sick-listed that day, then ``later``."""
    return Pathway.of([_opened(cid, first), _benefit(cid, first), *later])


def found(pathway, on):
    return check([pathway], SICKNESS_FOLLOW_UP, on=on).findings


def test_the_last_day_is_sunday_2_march_2025():
    on_time = sick(_talk("c-1", LAST))
    late = sick(_talk("c-1", LAST + dt.timedelta(days=1)))

    assert found(on_time, dt.date(2025, 6, 1)) == ()
    (finding,) = found(late, dt.date(2025, 6, 1))
    assert finding.rule_id == RULE_ID
    assert finding.events == (1, 2)
    assert finding.dates == (FIRST, dt.date(2025, 3, 3))
    assert "one day after the last day, 2025-03-02" in finding.text_en
    assert "én dag efter sidste dag, 2025-03-02" in finding.text_da
    assert str(finding.citation) == "SDL § 13 b, stk. 1"
    assert finding.reading is False


def test_a_conversation_43_days_late_counts_the_days():
    (finding,) = found(sick(_talk("c-1", dt.date(2025, 4, 14))), dt.date(2025, 6, 1))
    assert "43 days after the last day" in finding.text_en  # 2 March + 43 = 14 April


def test_no_conversation_is_a_finding_from_the_day_after_the_last_day():
    pathway = sick()

    assert found(pathway, LAST) == ()
    (finding,) = found(pathway, LAST + dt.timedelta(days=1))
    assert finding.events == (1,)
    assert finding.dates == (FIRST, LAST)
    assert finding.text_en.endswith("no follow-up conversation by 2025-03-02.")


def test_a_spell_ended_by_the_last_day_needs_no_conversation():
    # Recovery within the 8 weeks is category 1: the municipality decides the follow-up.
    ended = sick(_benefit("c-1", LAST, Benefit.EMPLOYED))
    ran_over = sick(_benefit("c-1", LAST + dt.timedelta(days=1), Benefit.EMPLOYED))
    closed = sick(ev.PathwayClosed(citizen_id="c-1", occurred_on=LAST, recorded_by=A.JOB_CENTRE))

    assert found(ended, dt.date(2025, 6, 1)) == ()
    assert found(closed, dt.date(2025, 6, 1)) == ()
    (finding,) = found(ran_over, dt.date(2025, 6, 1))
    assert finding.dates == (FIRST, LAST)


def test_only_follow_up_conversations_in_the_spell_count():
    other_kind = sick(_talk("c-1", dt.date(2025, 2, 1), ev.ConversationKind.JOB_CENTRE))
    before = Pathway.of(
        [_opened("c-1", FIRST), _talk("c-1", FIRST), _benefit("c-1", dt.date(2025, 1, 7))]
    )

    assert len(found(other_kind, dt.date(2025, 6, 1))) == 1
    # Sick-listed 7 January: last day 3 March; the conversation of 6 January came before.
    (finding,) = found(before, dt.date(2025, 6, 1))
    assert finding.dates == (dt.date(2025, 1, 7), dt.date(2025, 3, 3))


def test_each_spell_is_judged_and_a_repeated_change_does_not_restart_the_clock():
    second = dt.date(2025, 6, 2)  # a Monday; last day Sunday 27 July 2025 (28 + 27 days)
    pathway = sick(
        _benefit("c-1", dt.date(2025, 2, 1)),  # still sick: same spell
        _talk("c-1", dt.date(2025, 3, 10)),  # late for the first spell
        _benefit("c-1", dt.date(2025, 4, 1), Benefit.EMPLOYED),
        _benefit("c-1", second),
    )

    first_spell, second_spell = found(pathway, dt.date(2025, 9, 1))
    assert first_spell.dates == (FIRST, dt.date(2025, 3, 10))
    assert second_spell.dates == (second, dt.date(2025, 7, 27))


def test_a_change_to_sickness_benefit_during_a_spell_is_not_a_new_spell():
    (finding,) = found(sick(_benefit("c-1", dt.date(2025, 2, 1))), dt.date(2025, 6, 1))
    assert finding.dates == (FIRST, LAST)


def test_the_2024_example_under_the_rule_with_category_3():
    first = dt.date(2024, 1, 8)
    pathway = sick(_talk("c-1", dt.date(2024, 3, 4)), first=first)
    (finding,) = found(pathway, dt.date(2024, 6, 1))
    assert finding.dates == (first, dt.date(2024, 3, 4))
    assert "2024-03-03" in finding.text_en


def test_spells_from_the_horizon_of_1_february_2026_are_not_judged():
    # Lov nr. 1750 changes the follow-up from 1 February or 1 July 2026; its text is not read.
    before = sick(first=dt.date(2026, 1, 31))  # a Saturday; last day Friday 27 March 2026
    after = sick(first=dt.date(2026, 2, 1))

    (finding,) = found(before, dt.date(2026, 12, 4))
    assert finding.dates == (dt.date(2026, 1, 31), dt.date(2026, 3, 27))
    assert found(after, dt.date(2026, 12, 4)) == ()


def test_the_rule_quotes_the_law():
    rule = SICKNESS_FOLLOW_UP.rule(RULE_ID)
    assert isinstance(rule, FirstFollowUpByWeek8)
    assert isinstance(rule.basis, Stated)
    assert "senest inden udgangen af ottende uge regnet fra første fraværsdag" in rule.basis.quote
    assert rule.basis.verification.code == "verificeret"
    assert PROTOCOLS["sygedagpenge"] is SICKNESS_FOLLOW_UP
    assert PROTOCOLS["sygedagpenge"] is SICKNESS_FOLLOW_UP
    assert [p.code for p in SICKNESS_FOLLOW_UP.permissions] == ["sygedagpenge.kategori_1"]


def test_batch_gives_the_findings_of_the_object_api():
    on = dt.date(2025, 9, 1)
    pathways = [
        sick(cid="c-1"),
        sick(_talk("c-2", LAST), cid="c-2"),
        sick(_talk("c-3", dt.date(2025, 3, 3)), cid="c-3"),
        sick(_benefit("c-4", LAST, Benefit.EMPLOYED), cid="c-4"),
        sick(
            _benefit("c-5", dt.date(2025, 4, 1), Benefit.EMPLOYED),
            _benefit("c-5", dt.date(2025, 6, 2)),
            cid="c-5",
        ),
    ]
    report = check(pathways, SICKNESS_FOLLOW_UP, on=on)
    frame = to_frame(pathways)

    assert [f.citizen_id for f in report.findings] == ["c-1", "c-3", "c-5", "c-5"]
    assert findings_of(check_frame(frame, SICKNESS_FOLLOW_UP, on=on)) == report.findings
    assert report_frame(frame, SICKNESS_FOLLOW_UP, on=on) == report


def test_helhed_check_takes_the_protocol(capsys, tmp_path):
    path = tmp_path / "log.json"
    path.write_text(json.dumps([to_dict(sick(cid="borger-1"))]), encoding="utf-8")

    code = main(["check", str(path), "--protocol", "sygedagpenge", "--on", "2025-03-03"])

    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith(f"borger-1 [{RULE_ID}] error (2025-01-06, 2025-03-02)")
    assert "no follow-up conversation by 2025-03-02" in out


def test_the_example_logs_and_the_demo_show_the_check(capsys, monkeypatch):
    assert main(["example", "sygedagpenge"]) == 0
    text = capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO(text))

    code = main(["check", "-", "--protocol", "sygedagpenge", "--on", "2025-06-30"])

    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert [line.split(" ")[0] for line in out[:-1]] == ["syg-02", "syg-03"]
    assert "8 days after the last day, 2025-03-09" in out[0]
    buffer = io.StringIO()
    demo_pathway_part(buffer)
    assert "syg-03 [sygedagpenge.foerste_opfoelgning] error (2025-01-20, 2025-03-16)" in (
        buffer.getvalue()
    )
