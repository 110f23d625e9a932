"""A stateful test of the consent ledger against an independent model of the citizen's wishes.

The machine records consents, withdrawals, refusals and disclosures - on time, late, and with
future-dated typos in between - advances its clock, annuls events entered in error and closes
the pathway, and asks ``may_disclose``, ``disclose`` and ``audit`` at every step. Its model
is written from the policy, not from the code: the citizen's statements for one administration
and purpose, in the order they happened (the day, then the order they were recorded, as none of
them has a time of day), where a "no" ends every consent before it. Information may pass on
consent only when the model says the citizen's newest word covers it. No sequence may let
information pass against the model.

The default profile runs 200 sequences; ``make slow`` runs 2,000 (the ``slow`` profile).
"""

import datetime as dt

import attrs
import pytest
from hypothesis import event as note
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from helhed.errors import ConsentError, TransitionError
from helhed.organisation import Administration
from helhed.pathways import events as ev
from helhed.pathways.consent import audit, disclose, may_disclose
from helhed.pathways.pathway import Pathway
from helhed.serialization import from_json, to_json

A = Administration
D = dt.date(2025, 2, 3)
CITIZEN = "c-model"
PLACES = (A.JOB_CENTRE, A.HEALTH, A.SOCIAL)
PURPOSES = (ev.ConsentPurpose.COORDINATION, ev.ConsentPurpose.WORK_ABILITY)
CATEGORIES = (ev.InformationCategory.HEALTH, ev.InformationCategory.SOCIAL)

places = st.sampled_from(PLACES)
purposes = st.sampled_from(PURPOSES)
categories = st.sampled_from(CATEGORIES)


@attrs.define
class Said:
    """One statement of the citizen's, as the model keeps it."""

    kind: str  # "yes" or "no"
    to: Administration
    purpose: ev.ConsentPurpose
    day: dt.date
    position: int
    categories: frozenset[ev.InformationCategory] = frozenset()
    ends_on: dt.date | None = None
    annulled: bool = False


def _lasts(said, day):
    return said.ends_on is None or day <= said.ends_on


@attrs.define
class Model:
    """What the citizen said, what the log holds, and what the machine expects of it."""

    today: dt.date = D
    said: list[Said] = attrs.Factory(list)
    closed_on: dt.date | None = None
    closing: int | None = None
    opened: bool = True
    typos: dict[int, dt.date] = attrs.Factory(dict)  # position -> recorded on, not annulled
    kinds: list[str] = attrs.Factory(list)  # what each log position holds, for annulments
    annulled: set[int] = attrs.Factory(set)

    def statements(self, to, purpose):
        found = [s for s in self.said if s.to is to and s.purpose is purpose and not s.annulled]
        return sorted(found, key=lambda s: (s.day, s.position))

    def may(self, category, to, purpose, day):
        """At the end of ``day``: does the citizen's newest word cover the question?"""
        live = []
        for s in self.statements(to, purpose):
            if s.day > day:
                break
            live = [*live, s] if s.kind == "yes" else []
        return any(category in s.categories and _lasts(s, day) for s in live)

    def judge(self, event, position):
        """Was a disclosure on consent at ``position`` covered where it happened?"""
        if event.purpose is None:
            return False
        live = []
        for s in self.statements(event.to, event.purpose):
            if (s.day, s.position) < (event.occurred_on, position):
                live = [*live, s] if s.kind == "yes" else []
            elif s.kind == "no" and s.day == event.occurred_on:
                note("audit: a no recorded after a disclosure of its day")
                return False  # the citizen said no that day: they win the tie
        return any(event.category in s.categories and _lasts(s, event.occurred_on) for s in live)

    def blocked(self, day, recorded=None):
        """Why a normal event that happened on ``day``, recorded today, would be refused."""
        recorded = self.today if recorded is None else recorded
        if any(typo > recorded for typo in self.typos.values()):
            return "before events"
        if not self.opened:
            return "opens with a referral"
        if self.closed_on is not None and day >= self.closed_on:
            return "was closed"
        return None


class ConsentMachine(RuleBasedStateMachine):
    """Random consent histories; the library never lets information pass against the model."""

    def __init__(self):
        super().__init__()
        self.model = Model()
        self.pathway = Pathway.of(
            [
                ev.Referred(
                    citizen_id=CITIZEN,
                    occurred_on=D,
                    recorded_by=A.JOB_CENTRE,
                    referral_id="r-1",
                    offer="sundhedssamtale",
                    to=A.HEALTH,
                    voluntary=True,
                )
            ]
        )
        self.model.kinds.append("referral")

    # --- helpers ---------------------------------------------------------------------------

    def event(self, kind, day, **fields):
        fields = {"recorded_on": self.model.today, **fields}
        return kind(citizen_id=CITIZEN, occurred_on=day, recorded_by=A.HEALTH, **fields)

    def past(self, back):
        return max(D, self.model.today - dt.timedelta(days=back))

    def record(self, event, kind, *, expected=None):
        """Append ``event``; it must be refused exactly when ``expected`` says why."""
        if expected is not None:
            with pytest.raises(TransitionError, match=expected):
                self.pathway.append(event)
            return None
        self.pathway = self.pathway.append(event)
        self.model.kinds.append(kind)
        return len(self.pathway) - 1

    # --- rules -----------------------------------------------------------------------------

    @initialize(to=places, purpose=purposes, covered=st.frozensets(categories, min_size=1))
    def first_consent(self, to, purpose, covered):
        self.consent(to, purpose, covered, None, 0)

    @rule(days=st.integers(0, 20) | st.just(0))
    def tick(self, days):
        self.model.today += dt.timedelta(days=days)

    @rule(
        to=places,
        purpose=purposes,
        covered=st.frozensets(categories, min_size=1),
        ends=st.none() | st.integers(0, 40),
        back=st.integers(0, 10) | st.just(0),
    )
    def consent(self, to, purpose, covered, ends, back):
        day = self.past(back)
        ends_on = None if ends is None else day + dt.timedelta(days=ends)
        given = self.event(
            ev.ConsentGiven, day, to=to, purpose=purpose, categories=covered, ends_on=ends_on
        )
        position = self.record(given, "yes", expected=self.model.blocked(day))
        note(f"consent: {'refused' if position is None else 'recorded'}")
        if position is not None:
            self.model.said.append(Said("yes", to, purpose, day, position, covered, ends_on))

    @rule(
        to=places,
        purpose=purposes,
        refuse=st.booleans(),
        when=st.sampled_from(["today", "late", "typo"]),
        offset=st.integers(1, 90),
    )
    def say_no(self, to, purpose, refuse, when, offset):
        yes = [s for s in self.model.said if s.kind == "yes" and not s.annulled]
        if yes and offset % 2:
            to, purpose = yes[-1].to, yes[-1].purpose  # mostly end what was given last
        kind = ev.ConsentRefused if refuse else ev.ConsentWithdrawn
        if when == "typo":  # a future day, recorded as if then: still always recorded
            day = self.model.today + dt.timedelta(days=offset)
            event = self.event(kind, day, to=to, purpose=purpose, recorded_on=day)
        else:
            day = self.model.today if when == "today" else self.past(offset % 15)
            event = self.event(kind, day, to=to, purpose=purpose)
        position = self.record(event, "no")  # whatever the log holds
        self.model.said.append(Said("no", to, purpose, day, position))

    @rule(ahead=st.integers(1, 40))
    def future_typo(self, ahead):
        day = self.model.today + dt.timedelta(days=ahead)
        event = self.event(ev.ContactMade, day, recorded_on=day)
        expected = self.model.blocked(day, recorded=day)
        position = self.record(event, "typo", expected=expected)
        if position is not None:
            self.model.typos[position] = day

    @rule(data=st.data())
    def annul(self, data):
        target = data.draw(st.integers(0, len(self.pathway) - 1))
        kind = self.model.kinds[target]
        event = self.event(
            ev.EventAnnulled, self.model.today, recorder="s-1", annuls=target, reason="fejl"
        )
        if kind in ("no", "annulment") or target in self.model.annulled:
            self.record(event, "annulment", expected="annul|cannot")
            return
        others = [
            p
            for p, k in enumerate(self.model.kinds)
            if k not in ("no", "annulment", "referral") and p not in self.model.annulled
        ]
        if kind == "referral" and others:
            self.record(event, "annulment", expected="could not follow")
            return
        self.record(event, "annulment")
        self.model.annulled.add(target)
        for said in self.model.said:
            if said.position == target:
                said.annulled = True
        self.model.typos.pop(target, None)
        if kind == "referral":
            self.model.opened = False
        if target == self.model.closing:
            self.model.closed_on = self.model.closing = None

    @precondition(lambda self: self.model.closed_on is None and len(self.pathway) > 8)
    @rule()
    def close(self):
        day = self.model.today
        event = self.event(ev.PathwayClosed, day)
        position = self.record(event, "closing", expected=self.model.blocked(day))
        if position is not None:
            self.model.closed_on, self.model.closing = day, position

    @rule(
        category=categories,
        to=places,
        source=places,
        purpose=purposes,
        by=st.sampled_from(PLACES),
    )
    def disclose_when_allowed(self, category, to, source, purpose, by):
        if source is to:
            return
        yes = [s for s in self.model.said if s.kind == "yes" and not s.annulled]
        if yes and to is not yes[-1].to and yes[-1].to is not source:
            to, purpose = yes[-1].to, yes[-1].purpose  # mostly ask for what was given last
        day = self.model.today
        facts = {"to": to, "on": day, "by": by, "source": source, "purpose": purpose}
        if not self.model.may(category, to, purpose, day):
            note("disclose: refused")
            with pytest.raises(ConsentError):
                disclose(self.pathway, category, **facts)
            return
        expected = self.model.blocked(day)
        if expected is not None:
            with pytest.raises(TransitionError, match=expected):
                disclose(self.pathway, category, **facts)
            return
        self.pathway = disclose(self.pathway, category, **facts)
        note("disclose: recorded")
        self.model.kinds.append("disclosure")

    @rule(
        category=categories,
        to=places,
        source=places,
        purpose=st.none() | purposes,
        by=st.sampled_from(PLACES),
        back=st.integers(0, 10),
        basis=st.none() | st.just("underretningspligt"),
    )
    def record_a_disclosure(self, category, to, source, purpose, by, back, basis):  # noqa: PLR0913, PLR0917
        if source is to:
            return
        day = self.past(back)
        event = ev.InformationDisclosed(
            citizen_id=CITIZEN,
            occurred_on=day,
            recorded_on=self.model.today,
            recorded_by=by,  # the receiver may record it: that never makes it allowed
            source=source,
            to=to,
            category=category,
            purpose=purpose,
            legal_basis=basis,
        )
        self.record(event, "disclosure", expected=self.model.blocked(day))

    @rule(data=st.data(), category=categories, offset=st.integers(-5, 120))
    def ask(self, data, category, offset):
        yes = [(s.to, s.purpose) for s in self.model.said if s.kind == "yes"]
        about = st.tuples(places, purposes)
        to, purpose = data.draw(st.sampled_from(yes) | about if yes else about)
        day = data.draw(st.sampled_from([self.model.today, D + dt.timedelta(days=offset)]))
        decision = may_disclose(self.pathway, category, to=to, on=day, purpose=purpose)
        note(f"may_disclose: {decision.reasons[0].code}")
        assert decision.allowed == self.model.may(category, to, purpose, day), decision.reasons
        assert (decision.consent is not None) == decision.allowed

    # --- invariants ------------------------------------------------------------------------

    @invariant()
    def every_disclosure_is_judged_as_the_model_judges_it(self):
        found = audit(self.pathway)
        for entry in found.on_consent:
            note(f"audit: {entry.decision.reasons[0].code}")
            assert entry.decision.allowed == self.model.judge(entry.event, entry.index), (
                entry.decision.reasons
            )
        for entry in found.on_legal_basis:
            assert entry.decision.allowed
            assert entry.decision.consent is None
        assert {e.index for e in found.annulled} <= self.model.annulled

    @invariant()
    def the_log_survives_json(self):
        loaded = from_json(to_json(self.pathway), Pathway)
        assert loaded == self.pathway
        assert loaded.state == self.pathway.state
        assert loaded.positions == self.pathway.positions


ConsentMachine.TestCase.settings = settings(
    max_examples=max(200, settings().max_examples), stateful_step_count=30
)
test_consent_machine = ConsentMachine.TestCase
