"""The registry of instruments, in the style of python-stdnum: modules with the same functions."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING, Protocol, cast

from helhed.errors import UnknownNameError, quoted
from helhed.screening import alcohol, audit, audit_c, vba, who5

if TYPE_CHECKING:  # pragma: no cover
    from helhed.screening._base import Score
    from helhed.sources import Citation

__all__ = ["INSTRUMENTS", "QUESTIONNAIRES", "Questionnaire", "get_instrument", "questionnaire"]


class Questionnaire(Protocol):
    """What a questionnaire module offers (``who5``, ``audit``, ``audit_c``).

    Each also has ``interpret(result, *, on, ...)``; AUDIT-C's needs the citizen's sex, so the
    signature is not part of the protocol.
    """

    NAME: str
    TITLE: str
    ITEMS: int
    MAX_TOTAL: int
    HIGHER_IS_BETTER: bool
    MINIMAL_CHANGE: int | None
    PROGRESSION_FACTOR: int
    CITATION: Citation

    def validate(self, answers: object) -> tuple[int, ...]:
        """Return the answers, or raise ValidationError naming each bad item."""
        ...  # pragma: no cover

    def score(self, answers: object) -> Score:
        """Validate and score the answers."""
        ...  # pragma: no cover


INSTRUMENTS: Mapping[str, ModuleType] = MappingProxyType(
    {m.NAME: m for m in (who5, audit, audit_c, alcohol, vba)}
)
"""Every instrument module by its registry name."""

QUESTIONNAIRES: Mapping[str, Questionnaire] = MappingProxyType(
    {m.NAME: cast("Questionnaire", m) for m in (who5, audit, audit_c)}
)
"""The scored questionnaires by registry name; their progression can be measured."""


def get_instrument(name: str) -> ModuleType:
    """The instrument module called ``name``: who5, audit, audit-c, alcohol or vba.

    Raises:
        UnknownNameError: If there is no such instrument; the message lists the names.
    """
    try:
        return INSTRUMENTS[name]
    except KeyError:
        names = ", ".join(INSTRUMENTS)
        msg = f"unknown instrument {quoted(name)}; expected one of: {names}"
        raise UnknownNameError(msg) from None


def questionnaire(name: str) -> Questionnaire:
    """The questionnaire module called ``name`` (``who5``, ``audit``, ``audit-c``).

    Raises:
        UnknownNameError: If there is no such questionnaire; the message lists the names.
    """
    try:
        return QUESTIONNAIRES[name]
    except KeyError:
        names = ", ".join(QUESTIONNAIRES)
        msg = f"unknown questionnaire {quoted(name)}; expected one of: {names}"
        raise UnknownNameError(msg) from None
