"""A pytest plugin that collects scenario files, each scenario one test.

Files named ``*.scenarios.toml`` or ``*.scenarios.json`` (see
[`PATTERNS`][helhed.testing.scenarios.PATTERNS]) become test files; each scenario in them is a
test named after it, and a scenario that fails shows the unified diff of
[`Outcome.diff`][helhed.testing.scenarios.Outcome.diff] as its failure. A file that cannot be
read fails as a collection error naming every problem by path.

Enable it in a project with ``-p helhed.testing.pytest_plugin`` on the command line or in
``addopts``, or with ``pytest_plugins = ["helhed.testing.pytest_plugin"]`` in the root
``conftest.py``. helhed does not register it as a ``pytest11`` entry point: installing helhed
should not change what pytest collects in every project of that environment.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from helhed.errors import ValidationError
from helhed.testing.scenarios import PATTERNS, Outcome, Scenario, load_scenarios, run_scenario

# A plugin has no API of its own: pytest finds its hook by name, and builds its nodes itself.
__all__: list[str] = []


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ScenarioFile | None:
    """Collect ``file_path`` if its name matches a scenario file pattern."""
    if any(file_path.match(pattern) for pattern in PATTERNS):
        collected: ScenarioFile = ScenarioFile.from_parent(parent, path=file_path)
        return collected
    return None


class ScenarioFile(pytest.File):
    """A scenario file: one test per scenario."""

    def collect(self) -> Iterator[ScenarioItem]:
        """The file's scenarios, each a test named after it.

        Raises:
            pytest.Collector.CollectError: Listing every problem of the file by path.
        """
        try:
            scenarios = load_scenarios(self.path, name=self.path.name)
        except ValidationError as exc:
            lines = "\n".join(str(p) for p in exc.problems)
            raise self.CollectError(lines) from None
        for scenario in scenarios:
            item: ScenarioItem = ScenarioItem.from_parent(
                self, name=f"[{scenario.index}] {scenario.name}", scenario=scenario
            )
            yield item


class ScenarioFailedError(Exception):
    """A scenario whose answer differs; carries the outcome for the report."""

    def __init__(self, outcome: Outcome) -> None:
        """Keep ``outcome``."""
        super().__init__(outcome.scenario.name)
        self.outcome = outcome


class ScenarioItem(pytest.Item):
    """One scenario as a test."""

    def __init__(self, *, scenario: Scenario, **kwargs: object) -> None:
        """Keep the scenario to run."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.scenario = scenario

    def runtest(self) -> None:
        """Run the scenario; a differing answer fails the test."""
        outcome = run_scenario(self.scenario)
        if not outcome.passed:
            raise ScenarioFailedError(outcome)

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: str | None = None,
    ) -> str:
        """The diff for a differing answer; pytest's usual report for anything else."""
        if isinstance(excinfo.value, ScenarioFailedError):
            return f"{self.scenario.name}\n{excinfo.value.outcome.diff()}"
        return str(super().repr_failure(excinfo, style=style))  # type: ignore[arg-type]

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the scenario is: its file, and its name."""
        return self.path, None, f"scenario {self.scenario.index}: {self.scenario.name}"
