"""Very Brief Advice (VBA): ask, advise, act - a half-minute conversation anyone can record.

VBA comes from smoking cessation: in about 30 seconds the member of staff *asks* about the
habit, *advises* that help works best, and *acts* on the answer - refers the citizen if they
are interested, or records that they are not (VBA, read in secondary sources describing the
NCSCT method). It sets no goals and explores no motivation (VBA).

In Halsnæs, job centre staff use it during their usual conversations (HALSNAES): "Metoden
tager 30 sekunder og er bygget op om tre enkle trin" - ask about health status and well-being
("Spørg til sundhedsstatus og trivsel"), tell the citizen that counselling improves
well-being and health ("Oplys om, at rådgivning øger trivsel og sundhed"), and refer if the
citizen is interested ("Henvis, hvis borgeren er interesseret"). It "anvendes uden fagligt
kendskab til sundhed og trivsel": no health expertise is needed to give it.

A record is complete when the three steps are taken: asked, advised, and acted on the answer
- a referral when the citizen is interested, the answer itself when they are not. Two parts of
this are helhed's reading: that the steps come in order (the source lists them as steps, one
after the other), and that recording a "no" completes the third step - Halsnæs names only the
referral, and helhed takes the NCSCT method's "act on the response" for the citizen who
declines, so that a declined offer is not counted as a step missed.

Examples:
    >>> import datetime as dt
    >>> record = score({"asked": True, "advised": True, "answer": "interesseret",
    ...                 "referred": True})
    >>> record.steps
    3
    >>> interpret(record, on=dt.date(2024, 3, 4)).complete
    True
    >>> score({"asked": False, "advised": True, "answer": None, "referred": False})
    Traceback (most recent call last):
    ...
    helhed.errors.ValidationError: advised: the citizen must be asked before being advised
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from helhed._coded import CodedEnum
from helhed._meta import REDACT, SENSITIVE
from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.errors import ValidationError
from helhed.sources import Citation, Reason

__all__ = ["NAME", "TITLE", "Answer", "Reading", "VbaRecord", "interpret", "score", "validate"]

NAME = "vba"
"""The instrument's name in the registry."""

TITLE = "Very Brief Advice"
"""The method's usual name."""

_VBA = Citation("VBA")
_HALSNAES = Citation("HALSNAES")


class Answer(CodedEnum):
    """The citizen's answer to the offer of help."""

    INTERESTED = ("interesseret", "Interesseret", "Interested")
    NOT_INTERESTED = ("ikke_interesseret", "Ikke interesseret", "Not interested")


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class VbaRecord:
    """What was done in one Very Brief Advice conversation.

    Attributes:
        asked: Step 1 - the citizen was asked about their health and well-being.
        advised: Step 2 - the citizen was told that help improves well-being and health.
        answer: The citizen's answer to the offer, once given.
        referred: Step 3 for an interested citizen - they were referred.
    """

    asked: bool
    advised: bool
    answer: Answer | None = attrs.field(default=None, repr=REDACT, metadata=SENSITIVE)
    referred: bool = attrs.field(default=False, repr=REDACT, metadata=SENSITIVE)

    def __attrs_post_init__(self) -> None:
        """The steps come in order, and only an interested citizen is referred."""
        check = Checker()
        ok = check.flag(self.asked, "asked") & check.flag(self.advised, "advised")
        ok &= check.flag(self.referred, "referred")
        ok &= check.member(self.answer, Answer, "answer", optional=True)
        if ok:
            check.expect(
                self.asked or not self.advised,
                "advised",
                "the citizen must be asked before being advised",
            )
            check.expect(
                self.advised or self.answer is None,
                "answer",
                "the citizen answers the advice, so it must be given first",
            )
            check.expect(
                not self.referred or self.answer is Answer.INTERESTED,
                "referred",
                "only a citizen who is interested is referred",
            )
        check.done()

    @property
    def steps(self) -> int:
        """How many of the three steps are done (0-3)."""
        acted = self.referred or self.answer is Answer.NOT_INTERESTED
        return int(self.asked) + int(self.advised) + int(acted)


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Reading:
    """Whether a VBA record is complete, and what is left.

    Attributes:
        on: The day.
        complete: True when all three steps are done.
        reasons: What was done and what is missing, each with its citation.
    """

    on: dt.date
    complete: bool
    reasons: tuple[Reason, ...] = attrs.field(repr=REDACT, metadata=SENSITIVE)


def validate(answers: object) -> VbaRecord:
    """Read a record from a ``VbaRecord`` or a mapping of the steps.

    The mapping has ``asked``, ``advised``, ``answer`` (an ``Answer``, its code, or None) and
    ``referred``.

    Raises:
        ValidationError: Naming every bad field and every step out of order.
    """
    if isinstance(answers, VbaRecord):
        return answers
    if not isinstance(answers, Mapping):
        raise ValidationError.at("answers", "must be a mapping of the three steps")
    check = Checker()
    known = {"asked", "advised", "answer", "referred"}
    for key in sorted(set(answers) - known, key=str):
        check.fail(str(key), "is not a step of Very Brief Advice")
    for key in ("asked", "advised"):
        check.expect(key in answers, key, "is required")
    check.done()
    answer = answers.get("answer")
    if isinstance(answer, str):
        try:
            answer = Answer.from_code(answer)
        except ValueError as exc:
            raise ValidationError.at("answer", str(exc)) from None
    return VbaRecord(
        asked=answers["asked"],
        advised=answers["advised"],
        answer=answer,
        referred=answers.get("referred", False),
    )


def score(answers: object) -> VbaRecord:
    """Validate and return the record; ``record.steps`` counts the steps done."""
    return validate(answers)


def interpret(result: VbaRecord, *, on: dt.date) -> Reading:
    """Say whether the three steps were taken, and which is missing.

    The third step cites HALSNAES ("Henvis, hvis borgeren er interesseret") unless the citizen
    declined; then it cites VBA, whose "act on the response" helhed reads as recording the no.

    Raises:
        ValidationError: If ``result`` is not a ``VbaRecord`` or ``on`` is not a date.
    """
    check = Checker()
    check.expect(isinstance(result, VbaRecord), "result", "must be a VbaRecord")
    check.day(on, "on")
    check.done()
    # The referral is Halsnæs' third step; recording a "no" is helhed's reading of NCSCT's.
    act_cite = _VBA if result.answer is Answer.NOT_INTERESTED else _HALSNAES
    steps = (
        (
            result.asked,
            "vba.ask",
            ("Spurgt til helbred og trivsel", "Asked about health and well-being"),
            _HALSNAES,
        ),
        (
            result.advised,
            "vba.advise",
            (
                "Fortalt, at hjælp øger trivsel og sundhed",
                "Told that help improves well-being and health",
            ),
            _HALSNAES,
        ),
        (
            result.referred or result.answer is Answer.NOT_INTERESTED,
            "vba.act",
            ("Handlet på svaret", "Acted on the answer"),
            act_cite,
        ),
    )
    reasons = tuple(
        Reason(
            code + (".done" if done else ".missing"),
            text[0] + (": gjort." if done else ": mangler."),
            text[1] + (": done." if done else ": missing."),
            cite,
        )
        for done, code, text, cite in steps
    )
    return Reading(on=on, complete=result.steps == 3, reasons=reasons)
