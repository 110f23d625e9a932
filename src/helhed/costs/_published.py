"""The benefit rates the ministry publishes, as benefit-week costs (BM2023SATSER and later).

Only rates read on the ministry's own pages (``Verification.AGENCY``) are here, each for the
year its page gives, ending on 31 December of that year; a later year needs a figure of the
user's own. The pages give monthly amounts; a week is taken as ``12 / 52`` of a month, rounded
to øre (helhed's conversion: the pages give none). A rate is the one for the group the note
names - a single person aged 30 or over without children, or the highest rate - and stands
for every citizen on that funding basis; a business case over citizens who differ should use
figures of its own.

Not here, for want of an agency page: cash benefit after 2023 (its structure changed on
1 July 2025), sickness benefit, flex-job unemployment benefit (ledighedsydelse), and any
cost of a week of a health intervention or a seat in one.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_EVEN, Decimal

from helhed.benefits import Benefit
from helhed.costs._table import MAX_DKK, Cost, CostKind, CostTable
from helhed.errors import ValidationError
from helhed.sources import Citation, Verification

__all__ = ["BENEFIT_RATES", "weekly_from_monthly"]

_WEEKS_A_YEAR = 52
_MONTHS_A_YEAR = 12


def weekly_from_monthly(monthly: Decimal | int) -> Decimal:
    """A monthly amount as a weekly one: ``12 / 52`` of it, rounded to øre (half to even).

    Raises:
        ValidationError: If ``monthly`` is not a Decimal or an int of 0 or more and under
            ``MAX_DKK``.

    Examples:
        >>> weekly_from_monthly(12326)
        Decimal('2844.46')
    """
    amount = Decimal(monthly) if type(monthly) is int else monthly
    if not isinstance(amount, Decimal) or not amount.is_finite() or not 0 <= amount < MAX_DKK:
        msg = "must be a Decimal or a whole number of kroner, 0 or more and under 1e9"
        raise ValidationError.at("monthly", msg)
    weekly = amount * _MONTHS_A_YEAR / _WEEKS_A_YEAR
    return weekly.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


_MONTHLY = re.compile(r"(\d{1,3}(?:\.\d{3})*) kr\. pr\. md\.")


def _rate(  # noqa: PLR0913 - one published figure and where it stands
    benefit: Benefit, *, quote: str, year: int, key: str, section: str, whom: str
) -> Cost:
    """A benefit-week cost from a quoted line of the ministry's rates, its one home.

    The monthly amount is read from ``quote`` (``12.326 kr. pr. md.``), so the figure is
    written once, as the page writes it; the note carries the quote.
    """
    found = _MONTHLY.search(quote)
    if found is None:  # pragma: no cover - the quotes below each hold an amount
        msg = f"no monthly amount in {quote!r}"
        raise ValueError(msg)
    monthly = int(found.group(1).replace(".", ""))
    first, last = _year(year)
    return Cost(
        kind=CostKind.BENEFIT_WEEK,
        item=benefit.code,
        dkk=weekly_from_monthly(monthly),
        valid_from=first,
        valid_until=last,
        citation=Citation(key, section),
        verification=Verification.AGENCY,
        note=f"«{quote}» ({whom}); a week is 12 / 52 of the month",
    )


_CASH_2023 = "Fyldt 30 år, andre § 25, stk. 2, nr. 2 11.944 kr. pr. md."
_RESOURCE_2024 = "Ikke-forsørgere § 68, stk. 2, nr. 2 og § 69 j, stk. 2, nr. 2 12.326 kr. pr. md."
_UNEMPLOYED_2025 = "Fuldtidsforsikrede § 47 21.092 kr. pr. md."

BENEFIT_RATES = CostTable(
    costs=(
        *(
            _rate(
                benefit,
                quote=_CASH_2023,
                year=2023,
                key="BM2023SATSER",
                section="kontanthjælp, § 25, stk. 2, nr. 2",
                whom="aged 30 or over, without children",
            )
            for benefit in (Benefit.CASH_BENEFIT_JOB_READY, Benefit.CASH_BENEFIT_ACTIVITY_READY)
        ),
        # The same page: "Alle, der deltager i ressourceforløb og jobafklaringsforløb, modtager
        # ressourceforløbsydelse."
        *(
            _rate(
                benefit,
                quote=_RESOURCE_2024,
                year=2024,
                key="BM2024SATSER",
                section=f"ressourceforløbsydelse, {paragraph}",
                whom="without children",
            )
            for benefit, paragraph in (
                (Benefit.RESOURCE_COURSE, "§ 68, stk. 2, nr. 2"),
                (Benefit.JOB_CLARIFICATION_COURSE, "§ 69 j, stk. 2, nr. 2"),
            )
        ),
        _rate(
            Benefit.INSURED_UNEMPLOYMENT_BENEFIT,
            quote=_UNEMPLOYED_2025,
            year=2025,
            key="BM2025SATSER",
            section="dagpenge, § 47",
            whom="the highest rate, insured full time",
        ),
    )
)
"""The published benefit rates as benefit-week costs (see the module notes)."""
