"""The language helhed writes in: read from the environment, and citations in its style."""

import pytest

from helhed.errors import ValidationError
from helhed.language import Language, as_language, label, language_of, pick
from helhed.rules import Severity
from helhed.sources import Citation


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, Language.EN),
        ({"LANG": "da_DK.UTF-8"}, Language.DA),
        ({"LANG": "da"}, Language.DA),
        ({"LANG": "dav_KE"}, Language.EN),  # Taita, not Danish
        ({"LANG": "C.UTF-8"}, Language.EN),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "da_DK.UTF-8"}, Language.DA),
        ({"LANG": "da_DK.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, Language.EN),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "da:en"}, Language.DA),
        ({"LANG": "C", "LANGUAGE": "da"}, Language.EN),  # LANGUAGE counts only beside a locale
        ({"LANG": "da_DK.UTF-8", "HELHED_LANG": "en"}, Language.EN),
        ({"HELHED_LANG": "DA"}, Language.DA),
    ],
)
def test_the_environment_names_the_language(environ, expected):
    assert language_of(environ) is expected


def test_a_bad_setting_of_helhed_lang_is_named_without_its_value():
    with pytest.raises(ValidationError) as caught:
        language_of({"HELHED_LANG": "fr"})
    assert str(caught.value) == "HELHED_LANG: must be da or en"


@pytest.mark.parametrize(
    ("section", "danish", "english"),
    [
        ("kap. 4", "SST2019 kap. 4", "SST2019 ch. 4"),
        ("tabel 2", "SST2019 tabel 2", "SST2019 table 2"),
        ("4.1, 4.2 og fn. 8", "SST2019 4.1, 4.2 og fn. 8", "SST2019 4.1, 4.2 and fn. 8"),
        ("pkt. 4, gruppe 3", "SST2019 pkt. 4, gruppe 3", "SST2019 item 4, gruppe 3"),
        ("", "SST2019", "SST2019"),
    ],
)
def test_a_citation_in_each_language_style(section, danish, english):
    cited = Citation("SST2019", section)

    assert cited.text(Language.DA) == danish == str(cited)
    assert cited.text(Language.EN) == english


def test_a_law_reference_stays_as_the_law_writes_it():
    assert Citation("SDL", "§ 13 a, stk. 2").text(Language.EN) == "SDL § 13 a, stk. 2"


def test_pick_chooses_and_refuses_what_is_not_a_language():
    assert pick(Language.DA, "ja", "yes") == "ja"
    assert pick(Language.EN, "ja", "yes") == "yes"
    assert pick("da", "ja", "yes") == "ja"
    with pytest.raises(ValidationError, match="language: must be a Language"):
        pick("fr", "ja", "yes")
    with pytest.raises(ValidationError, match="language: must be a Language"):
        pick(Language.EN.label_en, "ja", "yes")
    with pytest.raises(ValidationError, match="language: must be a Language"):
        Citation("SST2019").text("de")
    assert Citation("SST2019", "kap. 4").text("en") == "SST2019 ch. 4"


def test_a_label_in_each_language():
    assert label(Severity.ERROR, "da") == "Fejl"
    assert label(Severity.ERROR, Language.EN) == label(Severity.ERROR) == "Error"
    assert as_language("en") is Language.EN
    with pytest.raises(ValidationError, match="member: must be a member"):
        label("fejl", "da")
    with pytest.raises(ValidationError, match="lang: must be a Language"):
        as_language(None)
