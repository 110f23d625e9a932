"""Every protocol helhed ships, by id: the one list ``helhed protocol list`` prints.

In this order: the coordinating caseworker right (SST2019 4.1, fn. 7) and the statutory
sickness benefit follow-up (SDL § 13 b) from ``helhed.pathways``; models 1 to 3 from
``helhed.models``; Odense's consent practice and the protocols of the municipal cases from
``helhed.cases``. [`protocol`][helhed.protocols.protocol] looks one up by id.

Examples:
    >>> list(PROTOCOLS)[:4]
    ['koordinerende-sagsbehandler', 'sygedagpenge', 'model1', 'model2']
    >>> protocol("halsnaes").name_en
    'Well-being and Health, Halsnæs'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from helhed.cases import PROTOCOLS as CASES
from helhed.cases.odense import ODENSE_CONSENT
from helhed.errors import UnknownNameError, quoted
from helhed.models.coordination import COORDINATION
from helhed.models.early_detection import EARLY_DETECTION
from helhed.models.specific import SPECIFIC
from helhed.pathways.protocols import COORDINATING_CASEWORKER
from helhed.pathways.sickness_follow_up import SICKNESS_FOLLOW_UP
from helhed.rules import Protocol

__all__ = ["PROTOCOLS", "protocol"]

PROTOCOLS: Mapping[str, Protocol] = MappingProxyType(
    {
        p.id: p
        for p in (
            COORDINATING_CASEWORKER,
            SICKNESS_FOLLOW_UP,
            EARLY_DETECTION,
            COORDINATION,
            SPECIFIC,
            ODENSE_CONSENT,
            *CASES.values(),
        )
    }
)
"""Every shipped protocol by id."""


def protocol(protocol_id: str) -> Protocol:
    """The shipped protocol with ``protocol_id``.

    Raises:
        UnknownNameError: If there is none; the message lists the ids.
    """
    try:
        return PROTOCOLS[protocol_id]
    except (KeyError, TypeError):
        msg = f"unknown protocol {quoted(protocol_id)}; expected one of: {', '.join(PROTOCOLS)}"
        raise UnknownNameError(msg) from None
