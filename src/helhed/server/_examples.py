"""An example request for every operation, built from helhed's example data.

Each succeeds when sent as it is: a test sends every one to a running server and checks the
answer against the description. They are built from the shipped examples (invented citizens
and logs; see [`helhed.examples`][helhed.examples]), so they change only when those do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from helhed.examples import (
    AALBORG_FLEX_OFFER,
    AALBORG_FLEX_REFERRAL,
    AALBORG_PERIOD,
    AALBORG_UNITS,
    DEMO_DATE,
    HALSNAES_CHECK_DATE,
    aalborg_pathways,
    demo_cohort,
    halsnaes_pathways,
)
from helhed.serialization import SCHEMA_VERSION, to_dict

__all__ = ["EXAMPLES"]


def _on() -> str:
    return DEMO_DATE.isoformat()


def _citizen() -> dict[str, Any]:
    """An invented citizen on flex-job unemployment benefit in the high-risk group."""
    return {
        "schema_version": SCHEMA_VERSION,
        "id": "c-1",
        "benefit": "ledighedsydelse",
        "health": {
            "risk_factors": ["fysisk_aktivitet", "mental_sundhed", "rygning"],
            "challenges": [{"domain": "psykisk", "onset": "medfoedt", "current_barrier": True}],
            "sick_days": 68,
            "affects_work": True,
        },
    }


def _halsnaes(*ids: str) -> list[dict[str, Any]]:
    return [to_dict(p) for p in halsnaes_pathways() if p.citizen_id in ids]


def _aalborg(size: int = 6) -> list[dict[str, Any]]:
    return [to_dict(p) for p in aalborg_pathways()[:size]]


def _report(**more: object) -> dict[str, Any]:
    return {
        "pathways": _aalborg(),
        "from": AALBORG_PERIOD.start.isoformat(),
        "to": AALBORG_PERIOD.end.isoformat(),
        **more,
    }


EXAMPLES: Mapping[str, Callable[[], dict[str, Any]]] = MappingProxyType(
    {
        "classify": lambda: {"on": _on(), "citizen": _citizen()},
        "classify-many": lambda: {
            "on": _on(),
            "citizens": [to_dict(c) for c in demo_cohort(3, on=DEMO_DATE)],
        },
        "benefits": lambda: {"on": "2026-12-04"},
        # The worked example of the sickness page: first day of absence Mon 6 Jan 2025.
        "sickness-category": lambda: {
            "on": "2025-01-20",
            "first_absence_day": "2025-01-06",
            "expected_full_recovery": "2025-04-01",
            "other_challenges": True,
        },
        "screen-who5": lambda: {"on": _on(), "answers": [3, 2, 4, 3, 3]},
        "screen-audit": lambda: {"on": _on(), "answers": [2, 1, 1, 0, 0, 0, 0, 0, 0, 0]},
        "screen-audit-c": lambda: {"on": _on(), "answers": [2, 1, 0], "sex": "kvinde"},
        "screen-alcohol": lambda: {"on": _on(), "answers": [12, 4], "sex": "mand"},
        "caseworker-right": lambda: {"on": _on(), "citizen": _citizen()},
        "may-disclose": lambda: {
            "on": "2019-09-01",
            "pathway": _halsnaes("halsnaes-04")[0],
            "category": "helbred",
            "to": "jobcenter",
            "purpose": "koordinering",
            "source": "sundhed",
        },
        "audit": lambda: {"pathway": _halsnaes("halsnaes-08")[0]},
        "check": lambda: {
            "on": HALSNAES_CHECK_DATE.isoformat(),
            "protocol": "halsnaes",
            "pathways": _halsnaes("halsnaes-04", "halsnaes-08", "halsnaes-14"),
        },
        "report-conversations": lambda: _report(units=list(AALBORG_UNITS)),
        "report-referrals": _report,
        "report-interventions": lambda: _report(
            offer=AALBORG_FLEX_OFFER, via=AALBORG_FLEX_REFERRAL
        ),
        "catalogue-match": lambda: {"on": _on(), "citizen": _citizen(), "most": 3},
        "catalogue-coverage": dict,
        "catalogue-stale": lambda: {"on": _on(), "months": 12},
        "protocol-list": dict,
        "protocol-show": lambda: {"id": "halsnaes"},
        "schema-list": dict,
        "schema-show": lambda: {"name": "citizen"},
        "health": dict,
    }
)
"""Per operation id: a function building the example body (``POST``) or path parameters."""
