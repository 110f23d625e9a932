"""Where every fact in helhed comes from: sources, citations and cited reasons.

A [`Source`][helhed.sources.Source] is a document or a law. A
[`Citation`][helhed.sources.Citation] points into one (``SST2019 4.1``,
``SDL § 12``). A [`Reason`][helhed.sources.Reason] is one step of an explanation: a stable
code, a Danish and an English sentence, and the citation it rests on. Every rule in helhed
answers with reasons.

How well a fact is established is a [`Verification`][helhed.sources.Verification] level,
carried by each row of a dated rule table. What a protocol rule rests on is its
[`Basis`][helhed.sources.Basis]: [`Stated`][helhed.sources.Stated] when the source says it
(with a short quote), [`Reading`][helhed.sources.Reading] when it is helhed's reading (with
why).

Examples:
    >>> cite = Citation("SST2019", "4.1")
    >>> str(cite)
    'SST2019 4.1'
    >>> cite.source_title.split(",")[0]
    'Sundhedsstyrelsen: Helhedsorienterede beskæftigelsesindsatser med fokus på sundhed'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from helhed._coded import CodedEnum
from helhed._meta import NON_BLANK
from helhed._validation import Checker
from helhed._values import frozen_fields
from helhed.errors import ValidationError
from helhed.language import Language, LanguageLike, as_language, pick

__all__ = [
    "SOURCES",
    "Basis",
    "Citation",
    "Reading",
    "Reason",
    "Source",
    "SourceKind",
    "Stated",
    "Verification",
]


class SourceKind(CodedEnum):
    """Whether a source is a document, a legal act, an instrument or guidance, or an agency page."""

    DOCUMENT = ("dokument", "Dokument", "Document")
    LAW = ("lov", "Lov", "Law")
    INSTRUMENT = (
        "maaleredskab",
        "Måleredskab eller faglig anbefaling",
        "Instrument or professional guidance",
    )
    AGENCY_PAGE = ("myndighedsside", "Myndighedsside", "Ministry or agency page")


class Verification(CodedEnum):
    """How well a rule's content is established.

    The four levels, from the surest:

    ``VERIFIED``: read in the primary source itself - the law text (an act, a consolidation,
    a bill as adopted) or the cited document.
    ``AGENCY``: read on a ministry's or an agency's own page (Beskæftigelsesministeriet,
    STAR, Folketinget's summary of a bill) but not in the law text.
    ``SECONDARY``: read only in a secondary source (a legal guide, a union's or a
    municipality's page, a law firm's newsletter); good enough to encode, named in the note.
    ``UNVERIFIED``: not found in any source; the value is inferred and the note says from what.
    """

    VERIFIED = ("verificeret", "Verificeret i primær kilde", "Verified in a primary source")
    AGENCY = (
        "myndighedsside",
        "Verificeret på en myndigheds side",
        "Verified on a ministry or agency page",
    )
    SECONDARY = (
        "sekundaer_kilde",
        "Verificeret i sekundær kilde",
        "Verified in a secondary source",
    )
    UNVERIFIED = ("ikke_verificeret", "Ikke verificeret (udledt)", "Not verified (inferred)")


@attrs.frozen(field_transformer=frozen_fields)
class Source:
    """A document or law that helhed cites.

    Attributes:
        key: Short stable key, e.g. ``SST2019``.
        title: Full title in the source's own language.
        kind: Document or law.
        published: Date of publication or of the act, where the source gives one.
    """

    key: str
    title: str
    kind: SourceKind
    published: dt.date | None = None


def _sources(*items: Source) -> Mapping[str, Source]:
    return MappingProxyType({s.key: s for s in items})


SOURCES: Mapping[str, Source] = _sources(
    Source(
        "SST2019",
        "Sundhedsstyrelsen: Helhedsorienterede beskæftigelsesindsatser med fokus på sundhed, "
        "2. udgave, 17. januar 2019",
        SourceKind.DOCUMENT,
        dt.date(2019, 1, 17),
    ),
    Source(
        "HALSNAES",
        "COK: I Halsnæs samarbejder jobcenter og sundhedsafdeling om borgernes trivsel og "
        "sundhed (projekt Trivsel og Sundhed)",
        SourceKind.DOCUMENT,
    ),
    Source(
        "ODENSE2015",
        "Referat fra temagruppemøde 23. november 2015, Vollsmose, Odense: mødet med psykisk "
        "sårbare borgere",
        SourceKind.DOCUMENT,
        dt.date(2015, 11, 23),
    ),
    Source(
        "AALBORG2019",
        "Aalborg Kommune: Evaluering af indsatsen med fremskudte sundhedsmedarbejdere i "
        "jobcentret (data 1. januar 2018 - februar 2019)",
        SourceKind.DOCUMENT,
    ),
    Source(
        "COWI2010",
        "COWI: Erfaringer fra kommunale indsatser - den tværgående evaluering af Lighed i "
        "sundhed, 15. marts 2010",
        SourceKind.DOCUMENT,
        dt.date(2010, 3, 15),
    ),
    Source(
        "SDL",
        "Sygedagpengeloven, lovbekendtgørelse nr. 38 af 19. januar 2018",
        SourceKind.LAW,
        dt.date(2018, 1, 19),
    ),
    Source(
        "LAB",
        "Lov om en aktiv beskæftigelsesindsats (LAB), lov nr. 548 af 7. maj 2019",
        SourceKind.LAW,
        dt.date(2019, 5, 7),
    ),
    Source(
        "L140/2018-19",
        "Lovforslag L 140 (2018/19), fremsat 15. januar 2019, stadfæstet: Forslag til lov om "
        "ændring af udlændingeloven, integrationsloven, repatrieringsloven og forskellige "
        "andre love (paradigmeskiftet); lovens nummer er ikke læst",
        SourceKind.LAW,
        dt.date(2019, 1, 15),
    ),
    Source(
        "L1655/2024",
        "Lov nr. 1655 af 30. december 2024 (kontanthjælpsreform, L 13 2024/25)",
        SourceKind.LAW,
        dt.date(2024, 12, 30),
    ),
    Source(
        "L74/2024-25",
        "Lovforslag L 74 (2024/25), fremsat 6. november 2024: Forslag til lov om ændring af "
        "lov om sygedagpenge, lov om en aktiv beskæftigelsesindsats og lov om organisering og "
        "understøttelse af beskæftigelsesindsatsen m.v. (Fleksibel brug og sammensætning af "
        "rehabiliteringsteams, forenkling af visitationskategorier, færre krav til sygemeldte "
        "fra beskæftigelse m.v.)",
        SourceKind.LAW,
        dt.date(2024, 11, 6),
    ),
    Source(
        "L1750/2025",
        "Lov nr. 1750 af 29. december 2025 (beskæftigelsesreform, første fase, L 66 2025/26)",
        SourceKind.LAW,
        dt.date(2025, 12, 29),
    ),
    Source(
        "BM2023SATSER",
        "Beskæftigelsesministeriet: Satser for 2023 (bm.dk/satser/satser-for-2023)",
        SourceKind.AGENCY_PAGE,
    ),
    Source(
        "BM2024SATSER",
        "Beskæftigelsesministeriet: Satser for 2024 (bm.dk/satser/satser-for-2024)",
        SourceKind.AGENCY_PAGE,
    ),
    Source(
        "BM2025SATSER",
        "Beskæftigelsesministeriet: Satser for 2025 (bm.dk/satser/satser-for-2025)",
        SourceKind.AGENCY_PAGE,
    ),
    Source(
        "WHO5",
        "Psykiatrisk Forskningsenhed, Region Hovedstadens Psykiatri: WHO-5 Trivselsindeks; "
        "Topp, Østergaard, Søndergaard og Bech: The WHO-5 Well-Being Index: a systematic "
        "review of the literature, Psychother Psychosom 84 (2015) 167-176",
        SourceKind.INSTRUMENT,
    ),
    Source(
        "ETF",
        "Ergoterapeutforeningen: WHO-5, blandt foreningens ergoterapeutiske redskaber "
        "(tolkning af procentscoren)",
        SourceKind.INSTRUMENT,
    ),
    Source(
        "AUDIT2001",
        "Babor, Higgins-Biddle, Saunders og Monteiro: AUDIT - The Alcohol Use Disorders "
        "Identification Test. Guidelines for Use in Primary Care, 2. udgave, WHO/MSD/MSB/01.6a, "
        "WHO 2001",
        SourceKind.INSTRUMENT,
    ),
    Source(
        "AUDITC",
        "Bush m.fl.: The AUDIT Alcohol Consumption Questions (AUDIT-C), Arch Intern Med 158 "
        "(1998) 1789-1795; Bradley m.fl.: Two brief alcohol-screening tests from the AUDIT: "
        "validation in a female Veterans Affairs patient population, Arch Intern Med 163 (2003) "
        "821-829; Bradley m.fl.: AUDIT-C as a brief screen for alcohol misuse in primary care, "
        "Alcohol Clin Exp Res 31 (2007) 1208-1217",
        SourceKind.INSTRUMENT,
    ),
    Source(
        "SST2022ALK",
        "Sundhedsstyrelsen: Notat - Sundhedsstyrelsens udmeldinger om indtag af alkohol, "
        "7. marts 2022",
        SourceKind.INSTRUMENT,
        dt.date(2022, 3, 7),
    ),
    Source(
        "SST1990ALK",
        "Sundhedsstyrelsen: Genstandsgrænser for voksne (højrisikogrænser fra 1990, "
        "lavrisikogrænser)",
        SourceKind.INSTRUMENT,
    ),
    Source(
        "VBA",
        "National Centre for Smoking Cessation and Training (NCSCT): Very Brief Advice on "
        "smoking - Ask, Advise, Act",
        SourceKind.INSTRUMENT,
    ),
)
"""Every source helhed cites, by key. The first five are the source documents of the domain;
then the laws the dated rule tables rest on; then the ministry's published benefit rates (the
cost table's published figures); then the screening instruments and guidance."""


def _known_source(_: object, __: attrs.Attribute[str], key: str) -> None:
    if key not in SOURCES:
        raise ValidationError.at(
            "source", "unknown source key; expected one of: " + ", ".join(SOURCES)
        )


_ENGLISH_TERMS = {"kap.": "ch.", "tabel": "table", "pkt.": "item", "og": "and"}
"""The Danish words of a section that say what kind of place it is, in English."""


@attrs.frozen(field_transformer=frozen_fields)
class Citation:
    """A pointer into a source: the source key and a section, page or paragraph.

    Attributes:
        source: A key of [`SOURCES`][helhed.sources.SOURCES], e.g. ``SST2019``.
        section: Where in the source: ``4.1``, ``fn. 7``, ``§ 12, stk. 1``, ``tabel 2``.
            Empty for the source as a whole.
    """

    source: str = attrs.field(validator=_known_source)
    section: str = ""

    def __str__(self) -> str:
        """Render as ``SST2019 4.1``, the section as it is kept (in Danish)."""
        return f"{self.source} {self.section}".strip()

    def text(self, language: LanguageLike = Language.DA) -> str:
        """The citation in one language's style: ``SST2019 kap. 4`` or ``SST2019 ch. 4``.

        Sections are kept in Danish, as the sources write them. In English the words that
        say what kind of place is cited are put in English (``kap.`` chapter, ``tabel``,
        ``pkt.`` item, ``og`` and); names of headings, laws and their paragraphs (``§``,
        ``stk.``, ``nr.``) stay as the source writes them.

        Examples:
            >>> Citation("SST2019", "kap. 9").text(Language.EN)
            'SST2019 ch. 9'
            >>> Citation("SST2019", "4.1, 4.2 og fn. 8").text(Language.EN)
            'SST2019 4.1, 4.2 and fn. 8'
            >>> Citation("SST2019", "kap. 9").text(Language.DA)
            'SST2019 kap. 9'

        Raises:
            ValidationError: If ``language`` is not a Language or its code.
        """
        section = self.section
        if as_language(language, "language") is Language.EN:
            section = " ".join(_ENGLISH_TERMS.get(word, word) for word in section.split(" "))
        return f"{self.source} {section}".strip()

    @property
    def source_title(self) -> str:
        """The full title of the cited source."""
        return SOURCES[self.source].title


@attrs.frozen(field_transformer=frozen_fields)
class Reason:
    """One cited step of an explanation.

    Attributes:
        code: Stable machine-readable code, e.g. ``funding.typical``. Codes never change
            meaning once released, so case systems can key on them.
        text_da: The step in Danish.
        text_en: The same step in English.
        citation: Where the rule behind the step comes from.
    """

    code: str = attrs.field(metadata=NON_BLANK)
    text_da: str = attrs.field(metadata=NON_BLANK)
    text_en: str = attrs.field(metadata=NON_BLANK)
    citation: Citation

    def __attrs_post_init__(self) -> None:
        """The code and both texts must not be blank; the citation must be a Citation."""
        check = Checker()
        check.text(self.code, "code")
        check.text(self.text_da, "text_da")
        check.text(self.text_en, "text_en")
        check.expect(isinstance(self.citation, Citation), "citation", "must be a Citation")
        check.done()

    def text(self, language: LanguageLike) -> str:
        """The step in ``language`` (a Language or its code): ``text_da`` or ``text_en``."""
        return pick(language, self.text_da, self.text_en)

    def render(self, language: LanguageLike = Language.EN) -> str:
        """``[code] text (citation)`` in ``language``, the citation in its style.

        Examples:
            >>> reason = Reason("x.y", "Et skridt.", "A step.", Citation("SST2019", "kap. 4"))
            >>> reason.render("da")
            '[x.y] Et skridt. (SST2019 kap. 4)'
            >>> str(reason)
            '[x.y] A step. (SST2019 ch. 4)'
        """
        return f"[{self.code}] {self.text(language)} ({self.citation.text(language)})"

    def __str__(self) -> str:
        """Render as ``[code] English text (citation)``, the citation in English style."""
        return self.render(Language.EN)


@attrs.frozen(field_transformer=frozen_fields)
class Stated:
    """What a rule rests on when its source states it: a short quote from the cited section.

    Attributes:
        quote: The words of the source, in its own language, short enough to check by eye.
        verification: How the quote was read: ``VERIFIED`` when it was read in the cited
            document or law text itself.
    """

    quote: str = attrs.field(metadata=NON_BLANK)
    verification: Verification = Verification.VERIFIED

    def __attrs_post_init__(self) -> None:
        """The quote must not be blank; the verification must be a level."""
        check = Checker()
        check.text(self.quote, "quote")
        check.member(self.verification, Verification, "verification")
        check.done()


@attrs.frozen(field_transformer=frozen_fields)
class Reading:
    """What a rule rests on when it is helhed's reading of its source rather than its words.

    A reading is where the source is silent or open (it sets no deadline, it names no tool)
    and helhed must choose to be checkable; the reason says why helhed chose as it did.

    Attributes:
        why_da: Why helhed reads the source this way, in Danish.
        why_en: The same in English.
    """

    why_da: str = attrs.field(metadata=NON_BLANK)
    why_en: str = attrs.field(metadata=NON_BLANK)

    def __attrs_post_init__(self) -> None:
        """Both texts must not be blank."""
        check = Checker()
        check.text(self.why_da, "why_da")
        check.text(self.why_en, "why_en")
        check.done()

    def why(self, language: LanguageLike) -> str:
        """Why, in ``language`` (a Language or its code): ``why_da`` or ``why_en``."""
        return pick(language, self.why_da, self.why_en)


Basis = Stated | Reading
"""What a rule rests on: its source's words, or helhed's reading of them."""
