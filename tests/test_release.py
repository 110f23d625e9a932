"""Release hygiene: one version, `helhed --version`, `python -m helhed`, the licence."""

import datetime as dt
import importlib.metadata
import pathlib
import re
import subprocess
import sys
import tomllib

import helhed

ROOT = pathlib.Path(__file__).parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SCRIPT = pathlib.Path(sys.executable).parent / "helhed"


def _run(*command):
    return subprocess.run(  # noqa: S603 - this environment's own interpreter and script
        command, capture_output=True, text=True, check=False, timeout=120
    )


def test_the_installed_metadata_has_the_version_of_the_package():
    assert importlib.metadata.version("helhed") == helhed.__version__


def test_pyproject_reads_the_version_from_the_package_and_writes_none_itself():
    assert "version" not in PYPROJECT["project"]
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "helhed.__version__"}


def test_the_version_is_written_nowhere_else_that_defines_it():
    # docs/ and CHANGELOG.md may record the version something was measured or released at.
    places = [ROOT / name for name in ("pyproject.toml", "README.md", "Makefile", "mkdocs.yml")]
    for folder in ("src", "tests", "benchmarks"):
        places += sorted((ROOT / folder).rglob("*.py"))
    found = [
        path.relative_to(ROOT).as_posix()
        for path in places
        if helhed.__version__ in path.read_text(encoding="utf-8")
    ]

    assert found == ["src/helhed/__init__.py"]


def test_the_testing_page_states_the_coverage_gate_of_pyproject():
    coverage = PYPROJECT["tool"]["coverage"]
    page = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")

    assert coverage["run"] == {"branch": True, "source": ["helhed"]}
    assert f"failing below {coverage['report']['fail_under']} % branch coverage" in page
    assert f"falls below {coverage['report']['fail_under']} %," in page


def test_helhed_version_prints_the_name_and_version():
    done = _run(str(SCRIPT), "--version")

    assert (done.returncode, done.stdout, done.stderr) == (0, f"helhed {helhed.__version__}\n", "")


def test_python_m_helhed_version_prints_the_same():
    done = _run(sys.executable, "-m", "helhed", "--version")

    assert (done.returncode, done.stdout, done.stderr) == (0, f"helhed {helhed.__version__}\n", "")


def test_python_m_helhed_is_the_helhed_command():
    for args in (["benefits", "--on", "2026-11-02"], [], ["benefits", "--on", "2026-13-01"]):
        script, module = _run(str(SCRIPT), *args), _run(sys.executable, "-m", "helhed", *args)

        assert (module.returncode, module.stdout, module.stderr) == (
            script.returncode,
            script.stdout,
            script.stderr,
        ), args
    assert _run(sys.executable, "-m", "helhed").returncode == 2


def test_the_licence_is_mit_with_the_authors_and_declared_as_a_licence_file():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")

    assert text.startswith("MIT License\n\nCopyright (c) 2026 the helhed authors\n")
    assert "Permission is hereby granted, free of charge" in text
    assert PYPROJECT["project"]["license"] == "MIT"
    assert PYPROJECT["project"]["license-files"] == ["LICENSE"]
    assert importlib.metadata.metadata("helhed")["License-Expression"] == "MIT"


AREAS = ("Law periods", "Rules", "Data formats", "APIs")


def changelog_problems(text):
    """What breaks the release-section rules of CHANGELOG.md's preamble, one line each."""
    sections = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    titles = [section.split("\n", 1)[0] for section in sections]
    problems = [] if titles[:1] == ["[Unreleased]"] else ["the first section is not [Unreleased]"]
    days = []
    for title, section in zip(titles[1:], sections[1:], strict=True):
        match = re.fullmatch(r"\[(\d+\.\d+\.\d+\S*)\] - (\d{4}-\d{2}-\d{2})", title)
        if match is None:
            problems.append(f"{title}: not [VERSION] - YYYY-MM-DD")
            continue
        days.append(dt.date.fromisoformat(match[2]))
        subsections = re.findall(r"^### (.+)$", section, re.MULTILINE)
        if subsections[:1] != ["Impacted areas"]:
            problems.append(f"{title}: does not open with Impacted areas")
            continue
        impacted = section.split("### Impacted areas", 1)[1].split("\n### ", 1)[0]
        listed = re.findall(r"^- \*\*(.+?)\*\*", impacted, re.MULTILINE)
        if tuple(listed) != AREAS:
            problems.append(f"{title}: lists {listed}, not {list(AREAS)}")
    if days != sorted(days, reverse=True):
        problems.append("the releases are not newest first")
    return problems


def test_the_changelog_has_one_unreleased_section_first_and_well_formed_releases():
    assert changelog_problems((ROOT / "CHANGELOG.md").read_text(encoding="utf-8")) == []


def test_the_changelog_check_finds_a_bad_release_section():
    good = (
        "## [0.2.0] - 2027-03-01\n\n### Impacted areas\n\n- **Law periods**: none\n"
        "- **Rules**: none\n- **Data formats**: none\n- **APIs**: `x` added\n\n### Added\n\n- x\n"
    )
    text = (
        "# Changelog\n\n## [Unreleased]\n\n"
        + good
        + "## [0.1.0] - 2027-04-01\n\n### Added\n\n- y\n"
        + "## [0.0.9] - 2026-12-01\n\n### Impacted areas\n\n- **Law periods**: none\n\n"
        + "## 0.0.1\n"
    )

    assert changelog_problems("# Changelog\n\n## [Unreleased]\n\n" + good) == []
    assert changelog_problems(text) == [
        "[0.1.0] - 2027-04-01: does not open with Impacted areas",
        "[0.0.9] - 2026-12-01: lists ['Law periods'], not ['Law periods', 'Rules', "
        "'Data formats', 'APIs']",
        "0.0.1: not [VERSION] - YYYY-MM-DD",
        "the releases are not newest first",
    ]
    assert changelog_problems(good) == ["the first section is not [Unreleased]"]
