"""Published results of the municipal cases, as cited data."""

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
        citation: Where it is published.
    """

    code: str = attrs.field(metadata=NON_BLANK)
    value: float | None
    unit: str
    text_da: str
    text_en: str
    citation: Citation

    def __attrs_post_init__(self) -> None:
        """The code and texts must not be blank."""
        check = Checker()
        for name in ("code", "text_da", "text_en"):
            check.text(getattr(self, name), name)
        check.done()
