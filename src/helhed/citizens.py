"""A citizen, as a case system knows them on a date.

[`Citizen`][helhed.citizens.Citizen] is a snapshot: the funding basis, the sickness benefit
category where there is one, what is known about the citizen's health, and - when a
professional has made one - the assessed horizon of the health impact on work ability. Rules
take the snapshot and a date; the snapshot itself carries no clock.

The ``id`` should be a pseudonym or a case number; helhed does not need to know who the
citizen is. Health fields are hidden from ``repr``:

    >>> from helhed.benefits import Benefit
    >>> Citizen(id="c-17", benefit=Benefit.FLEX_JOB)  # doctest: +ELLIPSIS
    Citizen(id='c-17', benefit=Benefit.FLEX_JOB, sickness_category=<sensitive>, ...)
"""

from __future__ import annotations

import attrs

from helhed._meta import NON_BLANK, REDACT, SENSITIVE
from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.benefits import Benefit
from helhed.groups import HealthImpactHorizon
from helhed.health import HealthProfile
from helhed.sickness import SicknessCategory

__all__ = ["SICKNESS_BENEFITS", "Citizen"]

SICKNESS_BENEFITS = frozenset({Benefit.SICKNESS_BENEFIT, Benefit.JOB_TRIAL})
"""The funding bases that carry a sickness benefit follow-up category."""


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class Citizen:
    """A citizen in scope of the job centre, as known on a date.

    Attributes:
        id: A pseudonymous identifier or case number; must not be blank.
        benefit: The funding basis, if the citizen has one.
        sickness_category: The sickness benefit follow-up category; only with sickness
            benefit or job trial.
        health: What is known about the citizen's health.
        assessed_horizon: A professional's assessment of when health affects work ability.
            When given, target-group classification uses it instead of deriving one.
    """

    id: str = attrs.field(metadata=NON_BLANK)
    benefit: Benefit | None = None
    sickness_category: SicknessCategory | None = attrs.field(
        default=None, repr=REDACT, metadata=SENSITIVE
    )
    health: HealthProfile = attrs.field(factory=HealthProfile, repr=REDACT, metadata=SENSITIVE)
    assessed_horizon: HealthImpactHorizon | None = attrs.field(
        default=None, repr=REDACT, metadata=SENSITIVE
    )

    def __attrs_post_init__(self) -> None:
        """Validate every field; raise all problems at once."""
        check = Checker()
        check.text(self.id, "id")
        check.member(self.benefit, Benefit, "benefit", optional=True)
        if check.member(
            self.sickness_category, SicknessCategory, "sickness_category", optional=True
        ):
            check.expect(
                self.sickness_category is None or self.benefit in SICKNESS_BENEFITS,
                "sickness_category",
                "is only given with sickness benefit or job trial",
            )
        check.expect(isinstance(self.health, HealthProfile), "health", "must be a HealthProfile")
        check.member(self.assessed_horizon, HealthImpactHorizon, "assessed_horizon", optional=True)
        check.done()
