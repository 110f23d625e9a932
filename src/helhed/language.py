"""The two languages helhed writes in, and which one the environment asks for.

Every text helhed writes for people - reasons, findings, labels, tables, plots - exists in
Danish and in English. [`Language`][helhed.language.Language] names the two;
[`language_of`][helhed.language.language_of] reads the one a program should use from its
environment, as the command line does for its default:

1. ``HELHED_LANG`` (``da`` or ``en``), helhed's own setting, if set;
2. otherwise the locale, in the order POSIX programs read it for messages: ``LC_ALL``, then
   ``LC_MESSAGES``, then ``LANG`` (GNU's ``LANGUAGE`` list first, when the locale is not
   ``C``); the first one set decides: Danish for ``da`` (``da_DK.UTF-8``, ``da``), English for
   anything else, ``C`` and ``POSIX`` included;
3. English when none is set.

Examples:
    >>> language_of({"LANG": "da_DK.UTF-8"}).code
    'da'
    >>> language_of({"LANG": "da_DK.UTF-8", "HELHED_LANG": "en"}).code
    'en'
    >>> language_of({}).code
    'en'
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Final, Literal

from helhed._coded import CodedEnum
from helhed.errors import ValidationError

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "Language",
    "LanguageLike",
    "as_language",
    "label",
    "language_of",
    "pick",
]

ENVIRONMENT_VARIABLE: Final = "HELHED_LANG"
"""helhed's own setting of the language, ``da`` or ``en``; it wins over the locale."""


class Language(CodedEnum):
    """A language helhed writes in."""

    DA = ("da", "Dansk", "Danish")
    EN = ("en", "Engelsk", "English")


LanguageLike = Language | Literal["da", "en"]
"""A language as a [`Language`][helhed.language.Language] or its code, ``"da"`` or ``"en"``.

Functions that write for people take one (``lang=``) and read it with
[`as_language`][helhed.language.as_language].
"""


def as_language(value: object, path: str = "lang") -> Language:
    """The Language ``value`` names: a Language itself, or its code ``"da"`` or ``"en"``.

    Examples:
        >>> as_language("da") is Language.DA, as_language(Language.EN) is Language.EN
        (True, True)

    Raises:
        ValidationError: At ``path`` if ``value`` is neither a Language nor one's code.
    """
    if isinstance(value, Language):
        return value
    if isinstance(value, str) and value in Language._value2member_map_:
        return Language.from_code(value)
    raise ValidationError.at(path, 'must be a Language, "da" or "en"')


def label(member: CodedEnum, lang: LanguageLike = Language.EN) -> str:
    """The label of a coded member in ``lang``: its ``label_da`` or its ``label_en``.

    Examples:
        >>> label(Language.EN, "da"), label(Language.EN)
        ('Engelsk', 'English')

    Raises:
        ValidationError: If ``member`` is not a coded member, or ``lang`` is not a language.
    """
    if not isinstance(member, CodedEnum):
        raise ValidationError.at("member", "must be a member of a coded enum")
    return pick(lang, member.label_da, member.label_en)


def _from_locale(value: str) -> Language:
    """Danish for a locale of the Danish language, English for any other."""
    return Language.DA if re.match(r"da(?:[_.@-]|$)", value, re.IGNORECASE) else Language.EN


def language_of(environ: Mapping[str, str] | None = None) -> Language:
    """The language the environment asks for (see the module notes); ``os.environ`` by default.

    Raises:
        ValidationError: If ``HELHED_LANG`` is set to anything but ``da`` or ``en``.
    """
    env = os.environ if environ is None else environ
    own = env.get(ENVIRONMENT_VARIABLE, "").strip()
    if own:
        try:
            return Language.from_code(own.lower())
        except ValueError:
            raise ValidationError.at(ENVIRONMENT_VARIABLE, "must be da or en") from None
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value:
            listed = env.get("LANGUAGE", "").strip()
            if listed and value not in {"C", "POSIX"}:
                return _from_locale(listed.split(":")[0])
            return _from_locale(value)
    return Language.EN


def pick(language: LanguageLike, danish: str, english: str) -> str:
    """``danish`` or ``english``, as ``language`` (a Language or its code) asks.

    Raises:
        ValidationError: If ``language`` is not a Language or its code.
    """
    return danish if as_language(language, "language") is Language.DA else english
