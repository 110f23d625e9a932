"""MkDocs hook: the notebooks of ``notebooks/`` as pages of the site, under ``notebooks/``.

The notebooks stay where they are run and tested; this hook adds them to the site's files
before mkdocs-jupyter turns each into a page with its saved outputs (``execute: false`` in
mkdocs.yml: the site shows what ``make notebooks`` saved, and building it runs nothing).

It also takes out of each notebook page the two loaders nbconvert's template puts there: the
MathJax script, whose address is empty here, and the module that imports mermaid from a CDN
when a page has a mermaid diagram. The notebooks have neither formulas nor diagrams, and the
site loads nothing from another host (tests/test_site.py).
"""

from __future__ import annotations

import pathlib
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

FOLDER = pathlib.Path(__file__).parents[2] / "notebooks"

_LOADERS = re.compile(
    r'<script src="">\s*</script>'
    r'|<script type="module">\s*document\.addEventListener\("DOMContentLoaded"[^<]*?'
    r"\.jp-Mermaid.*?</script>",
    re.DOTALL,
)


@event_priority(100)  # before mkdocs-jupyter's on_files, which claims the notebooks
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add every notebook as ``notebooks/NAME.ipynb``."""
    for path in sorted(FOLDER.glob("*.ipynb")):
        files.append(
            File(
                f"notebooks/{path.name}",
                src_dir=str(FOLDER.parent),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            )
        )
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:  # noqa: ARG001
    """A notebook page without the MathJax and mermaid loaders."""
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    return _LOADERS.sub("", output)
