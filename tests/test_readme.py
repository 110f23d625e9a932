"""The README's example runs and prints what the README says."""

import contextlib
import io
import pathlib
import re

README = pathlib.Path(__file__).parents[1] / "README.md"


def test_the_readme_example_runs_and_prints_what_it_claims():
    (code,) = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {})  # noqa: S102 - our own README

    lines = out.getvalue().splitlines()
    assert lines[0] == "High-risk group True"
    assert lines[1].startswith("[horizon.current_barrier] A recorded health challenge")
    assert lines[1].endswith("(SST2019 4.1)")
