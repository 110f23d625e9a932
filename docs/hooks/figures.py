"""MkDocs hook: a notebook's saved figure shown on a page of the guide.

A line of a page such as::

    <!-- figure: outcomes.ipynb 1 | Share in a job or education by week, per scenario -->

becomes the first PNG figure that ``notebooks/outcomes.ipynb`` saved, inlined as a data
address (the site loads nothing from another host), with the text after ``|`` as its
description and a link to the notebook's page. The figure has one home, the notebook:
``make notebooks`` saves it, and ``tests/test_notebooks.py`` fails when the saved outputs are
no longer what the notebook makes, so a page never shows a stale figure for long. A marker
naming a notebook or figure that does not exist stops the build.
"""

from __future__ import annotations

import json
import pathlib
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

FOLDER = pathlib.Path(__file__).parents[2] / "notebooks"

MARKER = re.compile(r"^<!-- figure: ([\w-]+\.ipynb) (\d+) \| (.+?) -->$", re.MULTILINE)


def figures(notebook: str) -> list[str]:
    """The base64 PNG figures ``notebook`` saved, in order."""
    path = FOLDER / notebook
    if not path.is_file():
        msg = f"no notebook {notebook} in notebooks/"
        raise PluginError(msg)
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [
        "".join(png) if isinstance(png, list) else png
        for cell in cells
        for output in cell.get("outputs", [])
        if (png := output.get("data", {}).get("image/png")) is not None
    ]


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:  # noqa: ARG001
    """Each figure marker of the page as the figure, its description and its notebook."""

    def figure(found: re.Match[str]) -> str:
        notebook, number, text = found.group(1), int(found.group(2)), found.group(3)
        saved = figures(notebook)
        if not 1 <= number <= len(saved):
            msg = f"{page.file.src_uri}: {notebook} saved {len(saved)} figures, not {number}"
            raise PluginError(msg)
        png = saved[number - 1].replace("\n", "")
        link = "../" * page.file.src_uri.count("/") + f"notebooks/{notebook}"
        return (
            f"![{text}](data:image/png;base64,{png})\n\n"
            f"*{text}. From the notebook [{notebook}]({link}), as it was last run.*"
        )

    return MARKER.sub(figure, markdown)
