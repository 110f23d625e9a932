"""Consent to pass information about a citizen between administrations.

The rules live in [`helhed.pathways.consent`][helhed.pathways.consent], beside the pathway
log they read; this module is the short name for them.
"""

from helhed.pathways.consent import (
    CONSENT_NEEDED,
    LEGAL_BASIS,
    Audit,
    AuditEntry,
    DisclosureDecision,
    audit,
    consents_in_force,
    disclose,
    disclose_by_law,
    may_disclose,
)

__all__ = [
    "CONSENT_NEEDED",
    "LEGAL_BASIS",
    "Audit",
    "AuditEntry",
    "DisclosureDecision",
    "audit",
    "consents_in_force",
    "disclose",
    "disclose_by_law",
    "may_disclose",
]
