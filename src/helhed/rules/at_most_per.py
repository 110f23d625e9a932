"""The `at_most_per` rule kind: a member of staff in a role has at most N citizens.

A population rule: it looks at all pathways together.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import ClassVar

import attrs

from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.organisation import Role
from helhed.pathways.events import CaseworkerAssigned
from helhed.pathways.pathway import Pathway
from helhed.rules.base import Finding, PopulationRule, Severity
from helhed.sources import Basis, Citation

__all__ = ["AtMostPer", "at_most_per"]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class AtMostPer(PopulationRule):
    """A member of staff in ``role`` has at most ``limit`` citizens at a time.

    Citizens are counted in the order they were assigned (earliest first, then by citizen
    id); each citizen beyond the limit is a finding.

    Attributes:
        limit: The most citizens one member of staff may have.
        role: The role counted.
    """

    KIND: ClassVar[str] = "at_most_per"

    limit: int
    role: Role

    def _validate(self, check: Checker) -> None:
        """Validate the common fields, the limit (1 or more) and the role."""
        super()._validate(check)
        check.whole(self.limit, "limit", minimum=1)
        check.member(self.role, Role, "role")

    def check_all(self, pathways: Sequence[Pathway], on: dt.date) -> Iterator[Finding]:  # noqa: ARG002
        """Yield a finding for each citizen beyond the limit of their member of staff."""
        caseloads: dict[str, list[tuple[dt.date, str, int, Pathway]]] = defaultdict(list)
        for pathway in pathways:
            state = pathway.state
            if state.closed:
                continue
            assigned = {
                e.staff_id: (e.occurred_on, i)
                for i, e in pathway.numbered
                if isinstance(e, CaseworkerAssigned)
            }
            for staff, role in state.caseworkers.items():
                if role is self.role:
                    day, index = assigned[staff]
                    caseloads[staff].append((day, pathway.citizen_id, index, pathway))
        for staff, load in sorted(caseloads.items()):
            load.sort(key=lambda item: item[:2])
            for place, (day, _, index, pathway) in enumerate(load[self.limit :], self.limit + 1):
                yield self.finding(pathway, (index,), (day,), self.detail(staff, day, place))

    def detail(self, staff: str, day: dt.date, place: int) -> tuple[str, str]:
        """The (Danish, English) detail of ``staff`` taking a citizen on ``day`` as ``place``."""
        return (
            f"{staff} fik borgeren {day} som nr. {place}; grænsen er {self.limit}.",
            f"{staff} took the citizen on {day} as number {place}; the limit is {self.limit}.",
        )


def at_most_per(  # noqa: PLR0913 - a rule is its parameters
    limit: int,
    role: Role,
    *,
    id: str,  # noqa: A002 - the rule's id
    citation: Citation,
    text_da: str,
    text_en: str,
    severity: Severity = Severity.ERROR,
    basis: Basis | None = None,
) -> AtMostPer:
    """A member of staff in ``role`` has at most ``limit`` citizens (a population rule).

    Raises:
        ValidationError: If ``limit`` is not a whole number of 1 or more, or another field is
            wrong.
    """
    return AtMostPer(
        id=id,
        severity=severity,
        citation=citation,
        limit=limit,
        role=role,
        text_da=text_da,
        text_en=text_en,
        basis=basis,
    )
