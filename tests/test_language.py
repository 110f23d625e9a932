"""The language helhed writes in: read from the environment, and citations in its style."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhed.errors import ValidationError
from helhed.examples import (
    AALBORG_FLEX_OFFER,
    AALBORG_FLEX_REFERRAL,
    AALBORG_PERIOD,
    aalborg_pathways,
)
from helhed.language import Language, as_language, label, language_of, pick
from helhed.pathways.reports import (
    TOTAL,
    conversations_by_unit,
    intervention_status,
    referrals_by_destination,
)
from helhed.pathways.stages import PathwayStage
from helhed.rules import Finding, Severity
from helhed.sources import Citation, Reason
from helhed.testing.strategies import assessments, compliance_reports


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, Language.EN),
        ({"LANG": "da_DK.UTF-8"}, Language.DA),
        ({"LANG": "da"}, Language.DA),
        ({"LANG": "dav_KE"}, Language.EN),  # Taita, not Danish
        ({"LANG": "C.UTF-8"}, Language.EN),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "da_DK.UTF-8"}, Language.DA),
        ({"LANG": "da_DK.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, Language.EN),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "da:en"}, Language.DA),
        ({"LANG": "C", "LANGUAGE": "da"}, Language.EN),  # LANGUAGE counts only beside a locale
        ({"LANG": "da_DK.UTF-8", "HELHED_LANG": "en"}, Language.EN),
        ({"HELHED_LANG": "DA"}, Language.DA),
    ],
)
def test_the_environment_names_the_language(environ, expected):
    assert language_of(environ) is expected


def test_a_bad_setting_of_helhed_lang_is_named_without_its_value():
    with pytest.raises(ValidationError) as caught:
        language_of({"HELHED_LANG": "fr"})
    assert str(caught.value) == "HELHED_LANG: must be da or en"


@pytest.mark.parametrize(
    ("section", "danish", "english"),
    [
        ("kap. 4", "SST2019 kap. 4", "SST2019 ch. 4"),
        ("tabel 2", "SST2019 tabel 2", "SST2019 table 2"),
        ("4.1, 4.2 og fn. 8", "SST2019 4.1, 4.2 og fn. 8", "SST2019 4.1, 4.2 and fn. 8"),
        ("pkt. 4, gruppe 3", "SST2019 pkt. 4, gruppe 3", "SST2019 item 4, gruppe 3"),
        ("", "SST2019", "SST2019"),
    ],
)
def test_a_citation_in_each_language_style(section, danish, english):
    cited = Citation("SST2019", section)

    assert cited.text(Language.DA) == danish == str(cited)
    assert cited.text(Language.EN) == english


def test_a_law_reference_stays_as_the_law_writes_it():
    assert Citation("SDL", "§ 13 a, stk. 2").text(Language.EN) == "SDL § 13 a, stk. 2"


def test_pick_chooses_and_refuses_what_is_not_a_language():
    assert pick(Language.DA, "ja", "yes") == "ja"
    assert pick(Language.EN, "ja", "yes") == "yes"
    assert pick("da", "ja", "yes") == "ja"
    with pytest.raises(ValidationError, match="language: must be a Language"):
        pick("fr", "ja", "yes")
    with pytest.raises(ValidationError, match="language: must be a Language"):
        pick(Language.EN.label_en, "ja", "yes")
    with pytest.raises(ValidationError, match="language: must be a Language"):
        Citation("SST2019").text("de")
    assert Citation("SST2019", "kap. 4").text("en") == "SST2019 ch. 4"


def test_a_label_in_each_language():
    assert label(Severity.ERROR, "da") == "Fejl"
    assert label(Severity.ERROR, Language.EN) == label(Severity.ERROR) == "Error"
    assert as_language("en") is Language.EN
    with pytest.raises(ValidationError, match="member: must be a member"):
        label("fejl", "da")
    with pytest.raises(ValidationError, match="lang: must be a Language"):
        as_language(None)


@given(assessments(), st.sampled_from(Language))
def test_each_reason_of_an_assessment_in_the_chosen_language(assessment, language):
    for reason in assessment.reasons:
        field = reason.text_da if language is Language.DA else reason.text_en
        assert reason.text(language) == reason.text(language.code) == field
        assert reason.render(language) == (
            f"[{reason.code}] {field} ({reason.citation.text(language)})"
        )
    assert [str(r) for r in assessment.reasons] == [
        r.render(Language.EN) for r in assessment.reasons
    ]


@given(compliance_reports(), st.sampled_from(Language))
def test_each_finding_of_a_report_in_the_chosen_language(report, language):
    for finding in report.findings:
        field = finding.text_da if language is Language.DA else finding.text_en
        severity = (
            finding.severity.label_da if language is Language.DA else finding.severity.label_en
        )
        assert finding.text(language) == finding.text(language.code) == field
        assert finding.render(language) == (
            f"{finding.citizen_id} [{finding.rule_id}] {severity.lower()}: {field} "
            f"({finding.citation.text(language)})"
        )
        assert str(finding) == finding.render(Language.EN)


def test_a_reason_and_a_finding_by_hand():
    cited = Citation("SST2019", "kap. 4")
    reason = Reason("x.y", "Et skridt.", "A step.", cited)
    finding = Finding(
        rule_id="r",
        citizen_id="c-1",
        severity=Severity.WARNING,
        events=(),
        dates=(),
        text_da="Forkert.",
        text_en="Wrong.",
        citation=cited,
    )

    assert reason.render("da") == "[x.y] Et skridt. (SST2019 kap. 4)"
    assert str(reason) == "[x.y] A step. (SST2019 ch. 4)"
    assert finding.render(Language.DA) == "c-1 [r] advarsel: Forkert. (SST2019 kap. 4)"
    assert str(finding) == "c-1 [r] warning: Wrong. (SST2019 ch. 4)"


_TEXTS = st.text(min_size=1, max_size=20).filter(str.strip)
_CITATIONS = st.builds(
    Citation,
    st.sampled_from(["SST2019", "AALBORG2019", "ODENSE2015"]),
    st.sampled_from(["", "kap. 4", "tabel 2", "4.1 og fn. 7", "pkt. 4, gruppe 3"]),
)


@given(
    st.builds(Reason, st.just("a.b"), _TEXTS, _TEXTS, _CITATIONS),
    st.sampled_from(Language),
)
def test_a_drawn_reason_in_the_chosen_language(reason, language):
    field = reason.text_da if language is Language.DA else reason.text_en
    assert reason.text(language) == field
    assert reason.render(language.code) == (f"[a.b] {field} ({reason.citation.text(language)})")
    assert "kap." not in reason.citation.text(Language.EN)


@given(
    st.builds(
        Finding,
        rule_id=st.just("r"),
        citizen_id=st.just("c"),
        severity=st.sampled_from(Severity),
        events=st.just(()),
        dates=st.just(()),
        text_da=_TEXTS,
        text_en=_TEXTS,
        citation=_CITATIONS,
    ),
    st.sampled_from(Language),
)
def test_a_drawn_finding_in_the_chosen_language(finding, language):
    field = finding.text_da if language is Language.DA else finding.text_en
    assert finding.text(language) == field
    assert finding.render(language).endswith(f": {field} ({finding.citation.text(language)})")
    assert label(finding.severity, language).lower() in finding.render(language)


def test_the_aalborg_tables_in_each_language():
    log, period = aalborg_pathways(), AALBORG_PERIOD
    status = {
        lang: intervention_status(
            log, period, offer=AALBORG_FLEX_OFFER, via=AALBORG_FLEX_REFERRAL, lang=lang
        )
        for lang in ("da", "en")
    }
    # AALBORG2019 tabel 3: 31 of 80 completed, 39 %; the rows are the table's own words.
    assert status["da"].row("Gennemført") == ("Gennemført", 31, 39)
    assert status["da"].row("I alt") == ("I alt", 80, 100)
    assert status["da"].columns == ("status", "borgere", "andel (%)")
    assert status["en"].row(TOTAL) == (TOTAL, 80, 100)
    assert status["en"] == intervention_status(
        log, period, offer=AALBORG_FLEX_OFFER, via=AALBORG_FLEX_REFERRAL
    )
    assert [r[1:] for r in status["da"].rows] == [r[1:] for r in status["en"].rows]

    units = conversations_by_unit(log, period, lang=Language.DA)
    assert units.title.startswith("Sundhedssamtaler pr. enhed, 2018-01-01 til")
    assert units.notes[1].endswith("166 henvisninger af 111 borgere.")
    onward = referrals_by_destination(log, period, lang="da")
    assert onward.row("I alt") == ("I alt", 166)
    with pytest.raises(ValidationError, match='lang: must be a Language, "da" or "en"'):
        referrals_by_destination(log, period, lang="dansk")


def test_the_flows_and_the_stages_take_a_language():
    pytest.importorskip("matplotlib")
    from helhed.plots import flows  # noqa: PLC0415 - the research extra

    ax = flows(aalborg_pathways(), on=AALBORG_PERIOD.end, lang=Language.DA)
    assert ax.get_title() == "Forløbsstadier for 259 borgere til og med 2019-02-28"
    assert PathwayStage.DECLINED.label(Language.DA) == "Afslået"
    assert PathwayStage.DECLINED.label() == "Declined"
