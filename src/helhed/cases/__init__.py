"""The municipal cases of the sources as ready-made protocols and data.

A case is data - a protocol built from the model's rules, its target groups and funding
bases, and its published results - never a branch inside a model.

* [`hjorring`][helhed.cases.hjorring]: screening, analysis, plan and parallel interventions
  (SST2019 6.1);
* [`kolding`][helhed.cases.kolding]: *Sund på Tværs*, WHO-5 screening, a 12-14 week course and
  re-screening (SST2019 6.2);
* [`jammerbugt`][helhed.cases.jammerbugt]: detection of high alcohol use, and a preventive
  track for the employed (SST2019 6.3).
"""

from helhed.cases._data import PublishedResult
from helhed.cases.hjorring import HJORRING
from helhed.cases.jammerbugt import JAMMERBUGT
from helhed.cases.kolding import KOLDING

__all__ = ["HJORRING", "JAMMERBUGT", "KOLDING", "PublishedResult"]
