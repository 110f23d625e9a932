"""The cited reasons [`classify`][helhed.target_groups.classify] writes itself, and their codes.

Built once, at import, and shared by every assessment that gives them; ``no_rule_reason`` and
``typical_reason`` build the two that name a funding basis. An assessment's other reasons come
from the benefit rules.
"""

from __future__ import annotations

from helhed.benefits import LIFECYCLE, Benefit
from helhed.groups import HealthImpactHorizon, RiskGroup
from helhed.sources import Citation, Reason

CH4 = Citation("SST2019", "kap. 4")

# The codes of the reasons classify writes itself; the others come from the benefit rules.
ASSESSED = "horizon.assessed"
DIFFERS = "horizon.derived_differs"
KEY_PERSON = "key_person.involve"
TYPICAL_CODES = {True: "funding.typical", False: "funding.atypical"}
TYPICAL_GROUPS = "benefit.typical_groups"
NO_RULE_CODE = "funding.no_rule"


# The reason for a horizon derived from recorded facts, by finding (SST2019 4.1-4.3).
DERIVED = {
    "current_barrier": Reason(
        "horizon.current_barrier",
        "En registreret helbredsmæssig udfordring er en aktuel barriere for tilknytning til "
        "arbejdsmarkedet.",
        "A recorded health challenge is a current barrier to labour-market attachment.",
        Citation("SST2019", "4.1"),
    ),
    "progressive": Reason(
        "horizon.progressive",
        "En sygdom, der forværres over tid, men endnu ikke begrænser arbejdsevnen væsentligt.",
        "A disease that worsens over time but does not yet limit work ability much.",
        Citation("SST2019", "4.2"),
    ),
    "affects_work": Reason(
        "horizon.affects_work",
        "Helbredet viser sig som flere sygedage eller besvær med at få eller fastholde et job.",
        "Health shows as more sick days or as trouble getting or keeping a job.",
        Citation("SST2019", "4.2"),
    ),
    "drugs": Reason(
        "horizon.drugs",
        "Stofbrug er en risikofaktor for mellemrisikogruppen.",
        "Drug use is a risk factor of the medium-risk group.",
        Citation("SST2019", "4.2"),
    ),
    "medium_risk_factor": Reason(
        "horizon.medium_risk_factor",
        "Problematisk alkoholforbrug, søvn eller mental sundhed er registreret; SST2019 4.2 "
        "nævner dem som mellemrisikogruppens risikofaktorer. helheds læsning: 4.3 nævner kun "
        "en mildere form af dem (alkohol over højrisikogrænsen, uhensigtsmæssige søvnmønstre, "
        "begyndende mistrivsel), og en registreret risikofaktor siger ikke hvilken; en faglig "
        "vurdering af en lang horisont har forrang.",
        "Problematic alcohol use, sleep or mental health is recorded; SST2019 4.2 names them "
        "as risk factors of the medium-risk group. helhed's reading: 4.3 names only a lesser "
        "form of them (alcohol over the high-risk limit, poor sleep patterns, beginning low "
        "well-being), and a recorded risk factor does not say which; a professional "
        "assessment of a long-term horizon prevails.",
        Citation("SST2019", "4.2"),
    ),
    "lifestyle": Reason(
        "horizon.lifestyle",
        "Usund livsstil (rygning, kost, fysisk aktivitet) uden betydning for arbejdsevnen på "
        "kort eller mellemlang sigt.",
        "Unhealthy lifestyle (smoking, diet, physical activity) without effect on work ability "
        "in the short or medium term.",
        Citation("SST2019", "4.3"),
    ),
    "challenge_without_effect": Reason(
        "horizon.challenge_without_effect",
        "En helbredsmæssig udfordring uden aktuel eller nær virkning på arbejdsevnen.",
        "A health challenge with no current or near effect on work ability.",
        Citation("SST2019", "4.3"),
    ),
}

GROUP = {
    group: Reason(
        f"group.{group.name.lower()}",
        f"Horisonten '{group.horizon.label_da.lower()}' placerer borgeren i "
        f"{group.label_da.lower()}.",
        f"The horizon '{group.horizon.label_en.lower()}' places the citizen in the "
        f"{group.label_en.lower()}.",
        Citation("SST2019", group.section),
    )
    for group in RiskGroup
}

ASSESSED_REASONS = {
    h: Reason(
        ASSESSED,
        f"Fagligt vurderet: {h.label_da.lower()}.",
        f"Assessed by a professional: {h.label_en.lower()}.",
        CH4,
    )
    for h in HealthImpactHorizon
}
DIFFERS_REASONS = {
    h: Reason(
        DIFFERS,
        f"De registrerede oplysninger peger på '{h.label_da.lower()}'; den faglige vurdering har "
        "forrang.",
        f"The recorded facts point to '{h.label_en.lower()}'; the professional assessment "
        "prevails.",
        CH4,
    )
    for h in HealthImpactHorizon
}
OUT_OF_SCOPE = Reason(
    "scope.none",
    "Ingen helbredsmæssige udfordringer eller risikofaktorer er registreret; borgeren er uden "
    "for de tre målgrupper.",
    "No health challenge or risk factor is recorded; the citizen is outside the three target "
    "groups.",
    CH4,
)
KEY_PERSON_REASONS = {
    group: Reason(
        KEY_PERSON,
        "Jobcentrets handicap-nøgleperson bør inddrages om handicapkompenserende ordninger.",
        "The job centre's disability key person should be involved on disability compensation "
        "schemes.",
        Citation("SST2019", group.section),
    )
    for group in RiskGroup
}
NO_FUNDING = Reason(
    "funding.none", "Intet forsørgelsesgrundlag er oplyst.", "No funding basis is given.", CH4
)


def no_rule_reason(benefit: Benefit) -> Reason:
    """The reason that no rule of ``benefit`` is known on the date, and whence its rules apply."""
    first = LIFECYCLE.boundaries(benefit)[0].isoformat()
    return Reason(
        NO_RULE_CODE,
        f"{benefit.label_da}: ingen kendt regel på datoen; reglerne gælder fra {first}.",
        f"{benefit.label_en}: no known rule on the date; the rules apply from {first}.",
        CH4,
    )


def typical_reason(benefit: Benefit, group: RiskGroup, *, is_typical: bool) -> Reason:
    """The reason that ``benefit`` is, or is not, a typical funding basis for ``group``."""
    return Reason(
        TYPICAL_CODES[is_typical],
        f"{benefit.label_da} er {'et typisk' if is_typical else 'ikke et typisk'} "
        f"forsørgelsesgrundlag for {group.label_da.lower()}.",
        f"{benefit.label_en} is {'a typical' if is_typical else 'not a typical'} funding basis "
        f"for the {group.label_en.lower()}.",
        Citation("SST2019", group.section),
    )
