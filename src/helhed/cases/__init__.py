"""The municipal cases of the sources as ready-made protocols and data.

A case is data - a protocol built from its model's rules, its target groups and funding
bases, and its published results - never a branch inside a model.
[`registry`][helhed.cases.registry] lists the twelve cases with what the sources state about
each; [`PROTOCOLS`][helhed.cases.PROTOCOLS] holds every case protocol by id.

| case | model | module |
|---|---|---|
| Hjørring (SST2019 6.1) | 1 | [`hjorring`][helhed.cases.hjorring] |
| Kolding (6.2) | 1 | [`kolding`][helhed.cases.kolding] |
| Jammerbugt (6.3) | 1 | [`jammerbugt`][helhed.cases.jammerbugt] |
| Vordingborg (7.1) | 2 | [`vordingborg`][helhed.cases.vordingborg] |
| Silkeborg (7.2) | 2 | [`silkeborg`][helhed.cases.silkeborg] |
| Syddjurs (7.3) | 2 | [`syddjurs`][helhed.cases.syddjurs] |
| Tønder (8.1) | 3 | [`tonder`][helhed.cases.tonder] |
| Sønderborg (8.2) | 3 | [`sonderborg`][helhed.cases.sonderborg] |
| Copenhagen IPS (8.3) | 3 | [`kobenhavn_ips`][helhed.cases.kobenhavn_ips] |
| Faxe (kap. 9) | 4 | data in the registry |
| Halsnæs (HALSNAES) | 3 | [`halsnaes`][helhed.cases.halsnaes] |
| Aalborg (AALBORG2019) | 3 | [`aalborg`][helhed.cases.aalborg] |
"""

from collections.abc import Mapping
from types import MappingProxyType

from helhed.cases._data import PublishedResult
from helhed.cases.aalborg import AALBORG
from helhed.cases.halsnaes import HALSNAES
from helhed.cases.hjorring import HJORRING
from helhed.cases.jammerbugt import JAMMERBUGT
from helhed.cases.kobenhavn_ips import KOBENHAVN_IPS
from helhed.cases.kolding import KOLDING
from helhed.cases.registry import CASES, Case, case, cases_for
from helhed.cases.silkeborg import SILKEBORG
from helhed.cases.sonderborg import SONDERBORG
from helhed.cases.syddjurs import SYDDJURS
from helhed.cases.tonder import TONDER
from helhed.cases.vordingborg import VORDINGBORG
from helhed.rules import Protocol

__all__ = [
    "AALBORG",
    "CASES",
    "HALSNAES",
    "HJORRING",
    "JAMMERBUGT",
    "KOBENHAVN_IPS",
    "KOLDING",
    "PROTOCOLS",
    "SILKEBORG",
    "SONDERBORG",
    "SYDDJURS",
    "TONDER",
    "VORDINGBORG",
    "Case",
    "PublishedResult",
    "case",
    "cases_for",
]

PROTOCOLS: Mapping[str, Protocol] = MappingProxyType(
    {
        p.id: p
        for p in (
            HJORRING,
            KOLDING,
            JAMMERBUGT,
            VORDINGBORG,
            SILKEBORG,
            SYDDJURS,
            TONDER,
            SONDERBORG,
            KOBENHAVN_IPS,
            HALSNAES,
            AALBORG,
        )
    }
)
"""The protocols of the cases, by id (Faxe has none: its catalogue is data)."""
