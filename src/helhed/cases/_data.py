"""Published results of the municipal cases, as cited data.

Each figure has one home: the ``RESULTS`` of its case module (Faxe, which has no module, keeps
its figures in the registry). The registry holds the same objects, and examples refer to
them.
"""

from __future__ import annotations

import attrs

from helhed._meta import NON_BLANK
from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.sources import Citation

__all__ = ["PublishedResult"]


@attrs.frozen(kw_only=True, field_transformer=frozen_fields)
class PublishedResult:
    """A figure a source publishes about a case, as it is published.

    Attributes:
        code: Stable code, e.g. ``investment``.
        value: The figure; None for a result stated in words only.
        unit: What the figure counts, e.g. ``DKK million`` or ``percent``.
        text_da: What the source says, in Danish (in helhed's words).
        text_en: The same in English.
        population_da: Whom the figure is about, as the source names them, in Danish - for a
            figure about citizens (an effect, a count, a share), so that figures can be set
            side by side only where they are about the same people; None for a figure about
            the practice itself (a course's length, a caseload limit, a budget).
        population_en: The same in English; given exactly when ``population_da`` is.
        citation: Where it is published, down to the section or table.
    """

    code: str = attrs.field(metadata=NON_BLANK)
    value: float | None
    unit: str
    text_da: str
    text_en: str
    population_da: str | None = None
    population_en: str | None = None
    citation: Citation

    def __attrs_post_init__(self) -> None:
        """The code and texts must not be blank; a population is given in both languages."""
        check = Checker()
        for name in ("code", "text_da", "text_en"):
            check.text(getattr(self, name), name)
        da = check.text(self.population_da, "population_da", optional=True)
        en = check.text(self.population_en, "population_en", optional=True)
        if da and en:
            check.expect(
                (self.population_da is None) == (self.population_en is None),
                "population_en",
                "must be given exactly when population_da is",
            )
        check.done()
