"""The release as a user gets it: sdist and wheel built, the wheel in a fresh environment.

`python -m build` writes the sdist from a copy of the checkout, then the wheel from that
sdist (so the sdist is proven to build). The wheel goes into a new virtual environment with
the core dependencies only, no extras, where the README's Python example, `helhed --version`
and `python -m helhed --version` run. Slow (about a minute, and it needs the package index for
setuptools and the core dependencies): marked `wheel`, left out of a plain pytest run and run
by `make wheel-check`, which `make test` includes.
"""

import email.parser
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile

import pytest

import helhed

pytestmark = pytest.mark.wheel

ROOT = pathlib.Path(__file__).parents[1]
VERSION = helhed.__version__
BIN = "Scripts" if os.name == "nt" else "bin"
# What is not the project's own: environments, caches and what builds leave behind.
NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "__pycache__",
    "*.egg-info",
    "build",
    "dist",
    "site",
    "mutants",
    ".*_cache",
    ".hypothesis",
    ".coverage*",
    ".ipynb_checkpoints",
    "helhed-demo-flows.png",
)
# What the sdist carries beside the package, for its tests and docs.
SDIST_FILES = ["LICENSE", "README.md", "CHANGELOG.md", "Makefile", "mkdocs.yml", "conftest.py"]
SDIST_FOLDERS = ["docs", "tests", "notebooks", "benchmarks"]


def _run(*command, cwd):
    done = subprocess.run(  # noqa: S603 - fixed commands on files this test wrote
        command, cwd=cwd, capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, (command, done.stdout[-3000:], done.stderr[-3000:])
    return done.stdout


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    """Build the sdist and the wheel, and install the wheel into a fresh environment."""
    work = tmp_path_factory.mktemp("release")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    _run(sys.executable, "-m", "build", "--outdir", str(work / "dist"), str(source), cwd=work)
    (sdist,) = (work / "dist").glob("*.tar.gz")
    (wheel,) = (work / "dist").glob("*.whl")
    env = work / "env"
    _run(sys.executable, "-m", "venv", str(env), cwd=work)
    python = env / BIN / "python"
    _run(str(python), "-m", "pip", "install", "--quiet", str(wheel), cwd=work)
    return {"source": source, "sdist": sdist, "wheel": wheel, "env": env, "python": python}


def test_the_files_are_named_by_the_version(release):
    assert release["wheel"].name == f"helhed-{VERSION}-py3-none-any.whl"
    assert release["sdist"].name == f"helhed-{VERSION}.tar.gz"


def test_the_readme_example_runs_in_the_fresh_environment(release):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", readme, re.DOTALL)
    assert code is not None

    out = _run(str(release["python"]), "-c", code.group(1), cwd=release["env"])

    lines = out.splitlines()
    assert lines[0] == "High-risk group True"
    assert lines[1].startswith("[horizon.current_barrier] A recorded health challenge")


def test_the_fresh_environment_has_helhed_from_the_wheel_and_no_extra(release):
    code = (
        "import importlib.metadata, importlib.util, helhed; "
        "print(helhed.__file__); print(importlib.metadata.version('helhed')); "
        "print([m for m in ('numpy', 'pandas', 'hypothesis', 'starlette', 'orjson', 'dask') "
        "if importlib.util.find_spec(m)])"
    )
    where, version, extras = _run(
        str(release["python"]), "-c", code, cwd=release["env"]
    ).splitlines()

    assert pathlib.Path(where).is_relative_to(release["env"])
    assert version == VERSION
    assert extras == "[]"


def test_helhed_version_in_the_fresh_environment(release):
    script = release["env"] / BIN / "helhed"
    assert _run(str(script), "--version", cwd=release["env"]) == f"helhed {VERSION}\n"
    module = _run(str(release["python"]), "-m", "helhed", "--version", cwd=release["env"])
    assert module == f"helhed {VERSION}\n"


def test_the_wheel_holds_the_package_and_the_licence_and_nothing_else(release):
    licence = (ROOT / "LICENSE").read_bytes()
    with zipfile.ZipFile(release["wheel"]) as wheel:
        names = wheel.namelist()
        dist_info = f"helhed-{VERSION}.dist-info"
        assert wheel.read(f"{dist_info}/licenses/LICENSE") == licence
        metadata = email.parser.Parser().parsestr(wheel.read(f"{dist_info}/METADATA").decode())

    assert metadata["License-Expression"] == "MIT"
    assert metadata["License-File"] == "LICENSE"
    assert metadata["Version"] == VERSION
    assert {"helhed/__main__.py", "helhed/py.typed"} <= set(names)
    assert {name.split("/")[0] for name in names} == {"helhed", dist_info}


def test_the_sdist_holds_the_licence_and_what_its_tests_read(release):
    top = f"helhed-{VERSION}"
    with tarfile.open(release["sdist"]) as sdist:
        names = {name.removeprefix(f"{top}/") for name in sdist.getnames()}
        licence = sdist.extractfile(f"{top}/LICENSE")
        assert licence is not None
        assert licence.read() == (ROOT / "LICENSE").read_bytes()

    assert set(SDIST_FILES) <= names
    for folder in SDIST_FOLDERS:
        files = {
            path.relative_to(release["source"]).as_posix()
            for path in (release["source"] / folder).rglob("*")
            if path.is_file()
        }
        assert files, folder
        assert files <= names, sorted(files - names)
    assert not {name for name in names if "__pycache__" in name or name.endswith(".pyc")}
