"""Is a municipality ready for a model? Its prerequisites in place against SST2019's lists.

A [`MunicipalityProfile`][helhed.models.readiness.MunicipalityProfile] names the prerequisites
a municipality has in place, by their codes in
[`PREREQUISITES`][helhed.models.elements.PREREQUISITES].
[`readiness`][helhed.models.readiness.readiness] sets them against a model's prerequisites
(by default the nine general ones of SST2019 kap. 5 and those the model adds) and answers
with what is met, what is missing, and a cited reason for each gap.

A municipality is ready when every prerequisite is met: SST2019 kap. 5 calls them the
"forudsætninger, som skal være tilstede for, at samarbejdet kan lykkes", so one missing is
enough to be not ready.

A prerequisite is met when the profile holds a code in
[`satisfied_by`][helhed.models.elements.satisfied_by]: its own, the general prerequisite it
is linked to by ``restates``, or one linked by ``same_as`` (the same words in another
chapter). That a linked code meets it is helhed's reading: the source links no chapter item
to a general one, and the links, drawn by comparing wording (same, narrower or close), are
helhed's (see [`helhed.models.elements`][helhed.models.elements]); it is read so that a
condition a municipality meets counts once. So holding more codes never makes a municipality
less ready.

Examples:
    >>> from helhed.collaboration import CollaborationModel as M
    >>> from helhed.models.elements import GENERAL_PREREQUISITES
    >>> general = [p.code for p in GENERAL_PREREQUISITES]
    >>> profile = MunicipalityProfile.of("Eksempelby", *general, "model4.catalogue")
    >>> answer = readiness(profile, M.CATALOGUE)
    >>> answer.ready, len(answer.met), answer.missing
    (True, 10, ())
    >>> answer = readiness(profile, M.EARLY_DETECTION)
    >>> answer.ready, [p.code for p in answer.missing]
    (False, ['model1.mapped_interfaces', 'model1.screening_tool', 'model1.progression_tool'])
    >>> answer.reasons[0].code, answer.reasons[0].text_en.partition(" (")[0]
    ('readiness.not_ready', 'Eksempelby lacks 3 of the 12 prerequisites of model 1')
    >>> answer.reasons[1].code, str(answer.reasons[1].citation)
    ('readiness.missing.model1.mapped_interfaces', 'SST2019 kap. 6')
    >>> [m.number for m, r in readiness_all(profile).items() if r.ready]
    [4]
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from helhed._meta import NON_BLANK
from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.collaboration import CollaborationModel
from helhed.errors import require
from helhed.models.elements import PREREQUISITES, Prerequisite, prerequisites, satisfied_by
from helhed.sources import Citation, Reason

__all__ = ["MunicipalityProfile", "Readiness", "readiness", "readiness_all"]


@attrs.frozen(field_transformer=frozen_fields)
class MunicipalityProfile:
    """A municipality and the prerequisites it has in place.

    Attributes:
        name: The municipality's name, e.g. ``Faxe``.
        in_place: Codes of the prerequisites in place, each a key of
            [`PREREQUISITES`][helhed.models.elements.PREREQUISITES]
            (``general.backing``, ``model1.screening_tool``...).
    """

    name: str = attrs.field(metadata=NON_BLANK)
    in_place: frozenset[str] = frozenset()

    def __attrs_post_init__(self) -> None:
        """The name must not be blank; every code must be a known prerequisite's."""
        check = Checker()
        check.text(self.name, "name")
        codes: object = self.in_place
        if not isinstance(codes, frozenset) or not all(isinstance(c, str) for c in codes):
            check.fail("in_place", "must be a set of prerequisite codes")
        else:
            unknown = sorted(codes - PREREQUISITES.keys())
            check.expect(
                not unknown,
                "in_place",
                "unknown prerequisite codes: "
                + ", ".join(unknown)
                + "; see helhed.models.elements.PREREQUISITES",
            )
        check.done()

    @classmethod
    def of(cls, name: str, *codes: str) -> MunicipalityProfile:
        """A profile of ``name`` with the prerequisites ``codes`` in place."""
        return cls(name, frozenset(codes))


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Readiness:
    """How far a municipality meets a model's prerequisites.

    Attributes:
        municipality: The municipality's name.
        model: The model asked about.
        general: True if the general prerequisites of kap. 5 were counted with the model's
            added ones; False if only the model's chapter list was.
        ready: True if no prerequisite is missing.
        met: The prerequisites in place, in source order.
        missing: The prerequisites not in place, in source order.
        reasons: A summary reason, then one cited reason per missing prerequisite.
    """

    municipality: str = attrs.field(metadata=NON_BLANK)
    model: CollaborationModel
    general: bool
    ready: bool
    met: tuple[Prerequisite, ...]
    missing: tuple[Prerequisite, ...]
    reasons: tuple[Reason, ...]

    def __attrs_post_init__(self) -> None:
        """Check every field, and that met, missing, ready and the reasons agree.

        The rules are those of [`readiness`][helhed.models.readiness.readiness]: met and
        missing together list each prerequisite of the model once, in source order, by code;
        ``ready`` is true exactly when nothing is missing; the reasons are the summary and
        one per missing prerequisite.
        """
        check = Checker()
        check.text(self.municipality, "municipality")
        ok = check.member(self.model, CollaborationModel, "model")
        ok &= check.flag(self.general, "general")
        ok &= check.flag(self.ready, "ready")
        ok &= check.each(self.met, Prerequisite, "met")
        ok &= check.each(self.missing, Prerequisite, "missing")
        ok &= check.each(self.reasons, Reason, "reasons")
        if not ok:
            check.done()
            return
        wanted = {p.code: i for i, p in enumerate(prerequisites(self.model, general=self.general))}
        listed: set[str] = set()
        for name in ("met", "missing"):
            last = -1
            for i, item in enumerate(getattr(self, name)):
                path = f"{name}[{i}].code"
                place = wanted.get(item.code)
                if place is None:
                    check.fail(path, "must be a prerequisite of the model")
                    continue
                if item.code in listed:
                    check.fail(path, "is listed twice in met and missing")
                elif place < last:
                    check.fail(path, "must come after the one before, in source order")
                listed.add(item.code)
                last = place
        if not check.problems:
            check.expect(
                len(listed) == len(wanted),
                "missing",
                "met and missing together must list every prerequisite of the model",
            )
        check.expect(
            self.ready is not bool(self.missing),
            "ready",
            "must be true exactly when none is missing",
        )
        check.expect(
            [r.code for r in self.reasons] == _reason_codes(self.missing),
            "reasons",
            "must be readiness.ready or readiness.not_ready as missing says, then "
            "readiness.missing.CODE for each missing prerequisite, in order",
        )
        check.done()


def readiness(
    profile: MunicipalityProfile, model: CollaborationModel, *, general: bool = True
) -> Readiness:
    """Set ``profile`` against the prerequisites of ``model``.

    Args:
        profile: The municipality and its prerequisites in place.
        model: The model.
        general: As for [`prerequisites`][helhed.models.elements.prerequisites]: True counts
            the general prerequisites of kap. 5 and those the model adds; False counts only the
            list in the model's chapter.

    Returns:
        What is met and missing, each in source order, with a summary reason first and then
        one reason per missing prerequisite, cited to the chapter that lists it.
    """
    require(profile, MunicipalityProfile, "profile", "must be a MunicipalityProfile")
    require(model, CollaborationModel, "model", "must be a CollaborationModel")
    wanted = prerequisites(model, general=general)
    met = tuple(p for p in wanted if profile.in_place & satisfied_by(p))
    missing = tuple(p for p in wanted if not profile.in_place & satisfied_by(p))
    return Readiness(
        municipality=profile.name,
        model=model,
        general=general,
        ready=not missing,
        met=met,
        missing=missing,
        reasons=(
            _summary(profile, model, len(wanted), len(missing), general=general),
            *(_gap(p) for p in missing),
        ),
    )


def readiness_all(
    profile: MunicipalityProfile, *, general: bool = True
) -> Mapping[CollaborationModel, Readiness]:
    """[`readiness`][helhed.models.readiness.readiness] for each of the four models, in order."""
    require(profile, MunicipalityProfile, "profile", "must be a MunicipalityProfile")
    return MappingProxyType({m: readiness(profile, m, general=general) for m in CollaborationModel})


_READY = "readiness.ready"
_NOT_READY = "readiness.not_ready"
_MISSING = "readiness.missing"


def _reason_codes(missing: tuple[Prerequisite, ...]) -> list[str]:
    """The codes of the reasons `readiness` gives when ``missing`` is missing, in its order."""
    return [_NOT_READY if missing else _READY, *(f"{_MISSING}.{p.code}" for p in missing)]


def _summary(
    profile: MunicipalityProfile,
    model: CollaborationModel,
    wanted: int,
    missing: int,
    *,
    general: bool,
) -> Reason:
    chapter = model.number + 5
    citation = Citation("SST2019", f"kap. 5 og {chapter}") if general else model.citation
    name_da = f"model {model.number} ({model.label_da})"
    name_en = f"model {model.number} ({model.label_en})"
    if not missing:
        return Reason(
            _READY,
            f"{profile.name} har alle {wanted} forudsætninger for {name_da} på plads.",
            f"{profile.name} has all {wanted} prerequisites of {name_en} in place.",
            citation,
        )
    return Reason(
        _NOT_READY,
        f"{profile.name} mangler {missing} af de {wanted} forudsætninger for {name_da}.",
        f"{profile.name} lacks {missing} of the {wanted} prerequisites of {name_en}.",
        citation,
    )


def _gap(item: Prerequisite) -> Reason:
    return Reason(
        f"{_MISSING}.{item.code}",
        f"Forudsætning ikke på plads: {item.text_da}",
        f"Prerequisite not in place: {item.text_en}",
        item.citation,
    )
