"""The models and readiness commands, and the models part of the demo."""

import json

import pytest

from helhed.cases import PROTOCOLS
from helhed.examples.protocols import DAY_OF_CHECK, protocol_pathways
from helhed.models.elements import PREREQUISITES
from helhed.pathways.compliance import check
from helhed.serialization import SCHEMA_VERSION
from samples import run_cli as run


def test_models_lists_the_four_models_with_elements_prerequisites_and_cases(capsys):
    code, out, _ = run(capsys, "models")

    assert code == 0
    heads = [line for line in out.splitlines() if line.startswith("Model ")]
    assert [h.split(":")[0] for h in heads] == ["Model 1", "Model 2", "Model 3", "Model 4"]
    assert heads[0].endswith("(ambitious) (SST2019 ch. 6)")
    assert heads[1].endswith("(less extensive) (SST2019 ch. 7)")
    assert "[model2.joint_visitation]" in out
    assert "Cases: Team Early Intervention" in out


def test_models_can_show_one_model(capsys):
    code, out, _ = run(capsys, "models", "--model", "4")

    assert code == 0
    assert out.startswith("Model 4: Cross-disciplinary intervention catalogue")
    assert "Model 1" not in out


def test_readiness_reports_what_is_missing_per_model(capsys, monkeypatch):
    everything = {"schema_version": 3, "name": "Alt-på-plads", "in_place": sorted(PREREQUISITES)}
    code, out, _ = run(
        capsys, "readiness", "-", stdin=json.dumps(everything), monkeypatch=monkeypatch
    )

    assert code == 0
    assert [line.split(", ")[-1] for line in out.splitlines()] == ["ready"] * 4

    one = {"schema_version": 3, "name": "Faxe", "in_place": ["general.backing"]}
    code, out, _ = run(capsys, "readiness", "-", stdin=json.dumps(one), monkeypatch=monkeypatch)
    assert out.splitlines()[0].startswith(
        "Model 1 (Early detection and cross-disciplinary intervention): "
        "1 of 12 in place, 11 missing"
    )
    assert "  - missing: " in out


def test_readiness_writes_json_and_refuses_unknown_codes(capsys, monkeypatch):
    one = {"schema_version": 3, "name": "Faxe", "in_place": ["general.backing"]}
    code, out, _ = run(
        capsys, "readiness", "-", "--json", stdin=json.dumps(one), monkeypatch=monkeypatch
    )
    answers = json.loads(out)
    assert code == 0
    assert [a["model"] for a in answers] == [
        "tidlig_opsporing",
        "koordination",
        "specifikke_indsatser",
        "indsatskatalog",
    ]
    assert all(a["schema_version"] == SCHEMA_VERSION for a in answers)

    bad = {"schema_version": 3, "name": "Faxe", "in_place": ["general.nope"]}
    code, out, err = run(capsys, "readiness", "-", stdin=json.dumps(bad), monkeypatch=monkeypatch)
    assert code == 2
    assert err.startswith("helhed: error: in_place: unknown prerequisite codes: general.nope")


@pytest.mark.parametrize("protocol_id", sorted(protocol_pathways()))
def test_each_invented_pathway_keeps_its_protocol(protocol_id):
    report = check([protocol_pathways()[protocol_id]], PROTOCOLS[protocol_id], on=DAY_OF_CHECK)

    assert report.findings == ()
    assert report.events >= 4


def test_the_demo_runs_one_pathway_through_each_case_protocol(capsys):
    code, out, _ = run(capsys, "demo", "--size", "20")

    assert code == 0
    section = out.split("Models 2 and 3: one invented pathway through each case protocol\n")[1]
    lines = section.split("\n\n")[0].strip().splitlines()
    assert [line.split()[0] for line in lines] == list(protocol_pathways())
    assert all(" 0 findings " in line for line in lines)


def test_check_knows_the_case_and_model_protocols(capsys, tmp_path):
    from helhed.serialization import to_dict  # noqa: PLC0415

    path = tmp_path / "ips.json"
    path.write_text(json.dumps([to_dict(protocol_pathways()["kobenhavn_ips"])]), encoding="utf-8")
    for protocol in ("kobenhavn_ips", "model1", "model2", "kolding", "syddjurs"):
        code, out, _ = run(capsys, "check", str(path), "--protocol", protocol, "--on", "2024-09-30")
        assert code in (0, 1)
        assert f"checked against '{protocol}'" in out


def test_model3_protocol_wants_a_clarifying_conversation_before_health_offers():
    import datetime as dt  # noqa: PLC0415

    from helhed.models import SPECIFIC  # noqa: PLC0415
    from helhed.organisation import Administration  # noqa: PLC0415
    from helhed.pathways.events import InterventionStarted  # noqa: PLC0415
    from helhed.pathways.pathway import Pathway  # noqa: PLC0415

    sonderborg = protocol_pathways()["sonderborg"]
    kept = check([sonderborg], SPECIFIC, on=DAY_OF_CHECK)
    # Tønder has no clarifying conversation, so its course is not judged.
    tonder = check([protocol_pathways()["tonder"]], SPECIFIC, on=DAY_OF_CHECK)
    # A health course on 6 February, the day before Sønderborg's conversation of the 7th.
    early = InterventionStarted(
        citizen_id="sonderborg-1",
        occurred_on=dt.date(2024, 2, 6),
        recorded_by=Administration.HEALTH,
        offer="kostkursus",
    )
    events = sorted([*sonderborg.events, early], key=lambda e: e.occurred_on)
    broken = check([Pathway.of(events)], SPECIFIC, on=DAY_OF_CHECK)

    assert kept.findings == ()
    assert tonder.findings == ()
    (finding,) = broken.findings
    assert finding.rule_id == "model3.clarifying_first"
    assert finding.dates == (dt.date(2024, 2, 6),)
    assert str(finding.citation) == "SST2019 kap. 8"


def test_a_profile_takes_a_plain_set_of_codes():
    from helhed.models import MunicipalityProfile  # noqa: PLC0415

    profile = MunicipalityProfile("X", {"general.backing"})

    assert profile.in_place == frozenset({"general.backing"})
