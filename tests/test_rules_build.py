"""Building rules: each combinator's fields and defaults, and the problems of bad arguments.

Every refusal is pinned by its problems, (path, message) pairs, which never echo the value.
"""

import datetime as dt

import pytest

from helhed.benefits import Benefit
from helhed.collaboration import CollaborationModel
from helhed.errors import UnknownNameError, ValidationError
from helhed.groups import RiskGroup
from helhed.organisation import Role
from helhed.pathways import events as ev
from helhed.rules import (
    AtMostPer,
    CoordinatingCaseworkerAssigned,
    Every,
    Finding,
    Forbid,
    Match,
    Parallel,
    Precedes,
    Protocol,
    RequiresConsent,
    Severity,
    Within,
    at_most_per,
    every,
    forbid,
    parallel,
    precedes,
    requires_consent,
    when,
    within,
)
from helhed.sources import Citation, Reason, Stated
from rule_log import CITE, READING, TEXT, A, D

OTHER = Citation("SST2019", "4.1")
STATED = Stated("Tilbuddet er frivilligt")


def problems(error):
    return [(p.path, p.message) for p in error.value.problems]


def _holds(pathway, event):  # noqa: ARG001
    return True


# --- when: the description of events --------------------------------------------------------


def test_when_keeps_every_narrowing_and_turns_offers_into_a_set():
    match = when(
        ev.Referred,
        ev.ContactMade,
        recorded_by=A.JOB_CENTRE,
        to=A.HEALTH,
        voluntary=False,
        conversation=ev.ConversationKind.HEALTH_CONVERSATION,
        role=Role.MENTOR,
        offers=["motion", "rygestop", "motion"],
        instrument="who5",
    )

    assert match == Match(
        kinds=(ev.Referred, ev.ContactMade),
        recorded_by=A.JOB_CENTRE,
        to=A.HEALTH,
        voluntary=False,
        conversation=ev.ConversationKind.HEALTH_CONVERSATION,
        role=Role.MENTOR,
        offers=frozenset({"motion", "rygestop"}),
        instrument="who5",
    )
    assert type(match.offers) is frozenset
    assert when(ev.Referred) == Match(kinds=(ev.Referred,))
    assert when(ev.Referred).offers is None


@pytest.mark.parametrize(
    "kinds",
    [(), (int,), (ev.Referred, int), ("Referred",), (ev.Referred, "Referred")],
)
def test_when_refuses_anything_but_event_classes(kinds):
    with pytest.raises(ValidationError) as error:
        when(*kinds)

    assert problems(error) == [("kinds", "must name one or more event classes")]


# --- the combinators: every argument reaches the rule, and the defaults --------------------


def test_within_passes_every_argument_and_defaults_to_an_error_per_referral():
    after, expect = when(ev.ReferralAccepted), when(ev.ContactMade)

    assert within(7, after=after, expect=expect, id="w", citation=CITE, **TEXT) == Within(
        id="w",
        severity=Severity.ERROR,
        citation=CITE,
        days=7,
        after=after,
        expect=expect,
        same="referral_id",
        text_da="Regel.",
        text_en="Rule.",
        basis=None,
    )
    assert within(
        0,
        after=expect,
        expect=after,
        id="w2",
        citation=OTHER,
        text_da="Da.",
        text_en="En.",
        severity=Severity.NOTICE,
        same=None,
        basis=READING,
    ) == Within(
        id="w2",
        severity=Severity.NOTICE,
        citation=OTHER,
        days=0,
        after=expect,
        expect=after,
        same=None,
        text_da="Da.",
        text_en="En.",
        basis=READING,
    )


@pytest.mark.parametrize(
    ("days", "message"),
    [(-1, "must be 0 or more"), (1.5, "must be a whole number"), (True, "must be a whole number")],
)
def test_within_refuses_days_that_are_not_a_whole_number_of_0_or_more(days, message):
    with pytest.raises(ValidationError) as error:
        within(
            days,
            after=when(ev.Referred),
            expect=when(ev.ContactMade),
            id="w",
            citation=CITE,
            **TEXT,
        )

    assert problems(error) == [("days", message)]


def test_precedes_passes_every_argument_and_defaults_to_an_error_before_it():
    first, then = when(ev.ConsentGiven), when(ev.InformationDisclosed)

    assert precedes(first, then, id="p", citation=CITE, **TEXT) == Precedes(
        id="p",
        severity=Severity.ERROR,
        citation=CITE,
        first=first,
        then=then,
        same=None,
        same_day=False,
        text_da="Regel.",
        text_en="Rule.",
        basis=None,
    )
    assert precedes(
        then,
        first,
        id="p2",
        citation=OTHER,
        text_da="Da.",
        text_en="En.",
        severity=Severity.WARNING,
        same="referral_id",
        same_day=True,
        basis=STATED,
    ) == Precedes(
        id="p2",
        severity=Severity.WARNING,
        citation=OTHER,
        first=then,
        then=first,
        same="referral_id",
        same_day=True,
        text_da="Da.",
        text_en="En.",
        basis=STATED,
    )


def test_forbid_passes_every_argument_and_defaults_to_an_error():
    events = when(ev.Referred, voluntary=False)

    assert forbid(events, id="f", citation=CITE, **TEXT) == Forbid(
        id="f",
        severity=Severity.ERROR,
        citation=CITE,
        events=events,
        text_da="Regel.",
        text_en="Rule.",
        basis=None,
    )
    assert forbid(
        events,
        id="f2",
        citation=OTHER,
        text_da="Da.",
        text_en="En.",
        severity=Severity.NOTICE,
        basis=READING,
    ) == Forbid(
        id="f2",
        severity=Severity.NOTICE,
        citation=OTHER,
        events=events,
        text_da="Da.",
        text_en="En.",
        basis=READING,
    )


def test_every_passes_every_argument_and_splits_the_failure_pair():
    events = when(ev.ScreeningRecorded)

    assert every(events, _holds, failure=("galt", "wrong"), id="e", citation=CITE, **TEXT) == Every(
        id="e",
        severity=Severity.ERROR,
        citation=CITE,
        events=events,
        holds=_holds,
        failure_da="galt",
        failure_en="wrong",
        text_da="Regel.",
        text_en="Rule.",
        basis=None,
    )
    assert every(
        events,
        _holds,
        failure=("galt", "wrong"),
        id="e2",
        citation=OTHER,
        text_da="Da.",
        text_en="En.",
        severity=Severity.WARNING,
        basis=STATED,
    ) == Every(
        id="e2",
        severity=Severity.WARNING,
        citation=OTHER,
        events=events,
        holds=_holds,
        failure_da="galt",
        failure_en="wrong",
        text_da="Da.",
        text_en="En.",
        basis=STATED,
    )


@pytest.mark.parametrize("failure", ["galt", ("galt",), ("a", "b", "c"), ["galt", "wrong"]])
def test_every_refuses_a_failure_that_is_not_a_pair(failure):
    with pytest.raises(ValidationError) as error:
        every(when(ev.Referred), _holds, failure=failure, id="e", citation=CITE, **TEXT)

    assert problems(error) == [("failure", "must be a pair of texts (Danish, English)")]


def test_requires_consent_passes_every_argument_and_defaults_to_an_error():
    health = ev.InformationCategory.HEALTH

    assert requires_consent(health, A.JOB_CENTRE, id="r", citation=CITE, **TEXT) == (
        RequiresConsent(
            id="r",
            severity=Severity.ERROR,
            citation=CITE,
            category=health,
            to=A.JOB_CENTRE,
            text_da="Regel.",
            text_en="Rule.",
            basis=None,
        )
    )
    social = ev.InformationCategory.SOCIAL
    assert requires_consent(
        social,
        A.SOCIAL,
        id="r2",
        citation=OTHER,
        text_da="Da.",
        text_en="En.",
        severity=Severity.NOTICE,
        basis=READING,
    ) == RequiresConsent(
        id="r2",
        severity=Severity.NOTICE,
        citation=OTHER,
        category=social,
        to=A.SOCIAL,
        text_da="Da.",
        text_en="En.",
        basis=READING,
    )


def test_parallel_passes_every_argument_and_defaults_to_a_warning():
    assert parallel(A.HEALTH, A.JOB_CENTRE, id="par", citation=CITE, **TEXT) == Parallel(
        id="par",
        severity=Severity.WARNING,
        citation=CITE,
        first=A.HEALTH,
        second=A.JOB_CENTRE,
        text_da="Regel.",
        text_en="Rule.",
        basis=None,
    )
    assert parallel(
        A.SOCIAL,
        A.HEALTH,
        id="par2",
        citation=OTHER,
        text_da="Da.",
        text_en="En.",
        severity=Severity.ERROR,
        basis=STATED,
    ) == Parallel(
        id="par2",
        severity=Severity.ERROR,
        citation=OTHER,
        first=A.SOCIAL,
        second=A.HEALTH,
        text_da="Da.",
        text_en="En.",
        basis=STATED,
    )


def test_at_most_per_passes_every_argument_and_defaults_to_an_error():
    assert at_most_per(1, Role.MENTOR, id="m", citation=CITE, **TEXT) == AtMostPer(
        id="m",
        severity=Severity.ERROR,
        citation=CITE,
        limit=1,
        role=Role.MENTOR,
        text_da="Regel.",
        text_en="Rule.",
        basis=None,
    )
    assert at_most_per(
        25,
        Role.IPS_CONSULTANT,
        id="m2",
        citation=OTHER,
        text_da="Da.",
        text_en="En.",
        severity=Severity.WARNING,
        basis=READING,
    ) == AtMostPer(
        id="m2",
        severity=Severity.WARNING,
        citation=OTHER,
        limit=25,
        role=Role.IPS_CONSULTANT,
        text_da="Da.",
        text_en="En.",
        basis=READING,
    )


@pytest.mark.parametrize(
    ("limit", "message"),
    [(0, "must be 1 or more"), (-3, "must be 1 or more"), (2.5, "must be a whole number")],
)
def test_at_most_per_refuses_a_limit_below_one(limit, message):
    with pytest.raises(ValidationError) as error:
        at_most_per(limit, Role.MENTOR, id="m", citation=CITE, **TEXT)

    assert problems(error) == [("limit", message)]


# --- Rule: the common fields ---------------------------------------------------------------


def test_a_rule_lists_every_wrong_common_field_at_once():
    with pytest.raises(ValidationError) as error:
        Forbid(
            id=" ",
            severity="fejl",
            citation="HALSNAES",
            text_da="",
            text_en=3,
            basis="because",
            events=when(ev.Referred),
        )

    assert problems(error) == [
        ("id", "must not be blank"),
        ("severity", "must be a Severity"),
        ("citation", "must be a Citation"),
        ("text_da", "must not be blank"),
        ("text_en", "must be a string"),
        ("basis", "must be a Stated, a Reading or None"),
    ]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("id", 7, ("id", "must be a string")),
        ("text_da", None, ("text_da", "must be a string")),
        ("text_en", "  ", ("text_en", "must not be blank")),
        ("basis", "Tilbuddet er frivilligt", ("basis", "must be a Stated, a Reading or None")),
    ],
)
def test_a_rule_names_the_one_wrong_field(field, value, expected):
    fields = {"id": "f", "citation": CITE, **TEXT, "events": when(ev.Referred), field: value}

    with pytest.raises(ValidationError) as error:
        Forbid(**fields)

    assert problems(error) == [expected]


@pytest.mark.parametrize(("basis", "reading"), [(None, False), (STATED, False), (READING, True)])
def test_a_rule_takes_any_basis_and_is_a_reading_only_with_a_reading(basis, reading):
    rule = forbid(when(ev.Referred), id="f", citation=CITE, basis=basis, **TEXT)

    assert rule.basis == basis
    assert rule.reading is reading


def test_the_coordinating_rule_checks_the_common_fields_and_its_grace():
    with pytest.raises(ValidationError) as error:
        CoordinatingCaseworkerAssigned(id="k", citation=CITE, grace_days=-1, **TEXT)
    assert problems(error) == [("grace_days", "must be 0 or more")]
    with pytest.raises(ValidationError) as error:
        CoordinatingCaseworkerAssigned(id="k", citation=CITE, grace_days=0.5, **TEXT)
    assert problems(error) == [("grace_days", "must be a whole number")]
    with pytest.raises(ValidationError) as error:
        CoordinatingCaseworkerAssigned(id=" ", citation=CITE, **TEXT)
    assert problems(error) == [("id", "must not be blank")]
    assert CoordinatingCaseworkerAssigned(id="k", citation=CITE, **TEXT).grace_days == 0


# --- Finding ------------------------------------------------------------------------------


def _finding(**changes):
    fields = {
        "rule_id": "x.rule",
        "citizen_id": "c-1",
        "severity": Severity.WARNING,
        "events": (0, 2),
        "dates": (D, D + dt.timedelta(days=1)),
        "text_da": "Regel. Henvist 2024-03-04.",
        "text_en": "Rule. Referred on 2024-03-04.",
        "citation": OTHER,
    }
    return Finding(**{**fields, **changes})


def test_a_finding_renders_as_citizen_rule_severity_text_and_citation():
    finding = _finding()

    assert str(finding) == "c-1 [x.rule] warning: Rule. Referred on 2024-03-04. (SST2019 4.1)"
    assert finding.reading is False
    assert finding.order == ("c-1", (D, D + dt.timedelta(days=1)), "x.rule", (0, 2))


def test_a_finding_lists_every_wrong_field_at_once():
    with pytest.raises(ValidationError) as error:
        Finding(
            rule_id="",
            citizen_id=5,
            severity="advarsel",
            events=[0],
            dates=[D],
            text_da=" ",
            text_en=None,
            citation="SST2019",
            reading=1,
        )

    assert problems(error) == [
        ("rule_id", "must not be blank"),
        ("citizen_id", "must be a string"),
        ("severity", "must be a Severity"),
        ("text_da", "must not be blank"),
        ("text_en", "must be a string"),
        ("citation", "must be a Citation"),
        ("reading", "must be true or false"),
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"events": (0, -1)}, [("events[1]", "must be 0 or more")]),
        ({"events": (-2, 1)}, [("events[0]", "must be 0 or more")]),
        ({"events": (0, True)}, [("events[1]", "must be a whole number")]),
        ({"events": "0"}, [("events", "must be a tuple")]),
        ({"dates": (D, dt.datetime(2024, 3, 5, 9, 0))}, [("dates[1]", "must be a date")]),  # noqa: DTZ001
        ({"dates": ("2024-03-04",)}, [("dates[0]", "must be a date")]),
        ({"dates": D}, [("dates", "must be a tuple")]),
        (
            {"events": (-1,), "dates": (dt.datetime(2024, 3, 5, 9, 0),)},  # noqa: DTZ001
            [("events[0]", "must be 0 or more"), ("dates[0]", "must be a date")],
        ),
    ],
)
def test_a_finding_names_the_event_or_date_that_is_wrong(changes, expected):
    with pytest.raises(ValidationError) as error:
        _finding(**changes)

    assert problems(error) == expected


def test_a_finding_names_an_event_that_is_not_a_number():
    with pytest.raises(ValidationError) as error:
        _finding(events=(0, "1"))

    ((path, message),) = problems(error)
    assert path == "events[1]"
    assert message.startswith("must be a")


def test_a_finding_about_a_pathway_as_a_whole_names_no_event():
    assert _finding(events=(), dates=()).events == ()
    assert _finding(reading=True).reading is True


# --- Protocol -----------------------------------------------------------------------------

ONE = forbid(when(ev.Referred), id="x.one", citation=CITE, **TEXT)
TWO = forbid(when(ev.ContactMade), id="x.two", citation=CITE, **TEXT)
ALLOWED = Reason("x.allowed", "Ingen pligt.", "No duty.", CITE)


def test_a_protocol_keeps_what_it_is_for_and_finds_its_rules_by_id():
    protocol = Protocol(
        id="x",
        name_da="X da",
        name_en="X en",
        model=CollaborationModel.SPECIFIC_INTERVENTIONS,
        target_groups=frozenset({RiskGroup.HIGH}),
        funding=frozenset({Benefit.RESOURCE_COURSE}),
        rules=(ONE, TWO),
        permissions=(ALLOWED,),
        citation=CITE,
    )

    assert protocol.rule("x.two") is TWO
    assert protocol.rule("x.one") is ONE
    with pytest.raises(UnknownNameError) as error:
        protocol.rule("x.three")
    assert str(error.value) == "x has no rule 'x.three'"
    bare = Protocol(id="y", name_da="Y", name_en="Y", rules=(), citation=CITE)
    assert (bare.model, bare.target_groups, bare.funding, bare.permissions) == (
        None,
        frozenset(),
        frozenset(),
        (),
    )


def test_a_protocol_lists_every_wrong_field_at_once():
    with pytest.raises(ValidationError) as error:
        Protocol(
            id="",
            name_da=None,
            name_en=" ",
            model="koordinering",
            target_groups=frozenset({"hoej"}),
            funding=frozenset({"ressourceforloeb"}),
            rules=(ONE, "x.two"),
            permissions=(ALLOWED, "x.allowed"),
            citation=CITE,
        )

    assert problems(error) == [
        ("id", "must not be blank"),
        ("name_da", "must be a string"),
        ("name_en", "must not be blank"),
        ("model", "must be a CollaborationModel"),
        ("target_groups", "must hold only RiskGroup"),
        ("funding", "must hold only Benefit"),
        ("rules[1]", "must be a Rule"),
        ("permissions[1]", "must be a Reason"),
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"rules": (ONE, TWO, ONE)}, [("rules[2].id", "is a duplicate")]),
        (
            {"rules": (ONE, ONE, ONE)},
            [("rules[1].id", "is a duplicate"), ("rules[2].id", "is a duplicate")],
        ),
        ({"rules": ONE}, [("rules", "must be a tuple")]),
        ({"permissions": ALLOWED}, [("permissions", "must be a tuple")]),
        ({"target_groups": RiskGroup.HIGH}, [("target_groups", "must be a set of RiskGroup")]),
        ({"funding": frozenset({RiskGroup.HIGH})}, [("funding", "must hold only Benefit")]),
        ({"model": None, "name_da": "  "}, [("name_da", "must not be blank")]),
        ({"id": 3}, [("id", "must be a string")]),
    ],
)
def test_a_protocol_names_the_field_that_is_wrong(changes, expected):
    fields = {"id": "x", "name_da": "X", "name_en": "X", "rules": (ONE, TWO), "citation": CITE}

    with pytest.raises(ValidationError) as error:
        Protocol(**{**fields, **changes})

    assert problems(error) == expected
