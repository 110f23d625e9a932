"""The documentation site loads nothing from another host.

A municipal intranet may not let a page fetch fonts, scripts or styles from elsewhere, and
every such fetch tells that host who reads the page. The site is built here with ``mkdocs build
--strict`` (which also proves that the notebooks, the API reference and every link build) and
every file of it is read:

- no file names Google Fonts (``theme: font: false`` in mkdocs.yml; the theme then uses the
  system's fonts);
- no page has an element that loads from another host: scripts, style sheets, preconnects and
  preloads, images, frames, media, objects;
- no style sheet imports or points ``url()`` at another host;
- no script, in a page or a file, holds the address of another host, but for the loaders of
  the theme's bundle listed in ``_THEME_LOADERS``: each runs only on a condition that the site
  never meets, and the test checks that it does not.
"""

from __future__ import annotations

import html.parser
import os
import pathlib
import re
import subprocess
import sys

import pytest

from helhed.testing import strategies

ROOT = pathlib.Path(__file__).parents[1]

_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_FONT_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com")
_SCRIPT_URL = re.compile(r"""["'`](?:https?://[^"'`\s]+|//[\w-]+\.[\w.-]+[^"'`\s]*)""")
_CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["']?)((?:https?:)?//[^"')\s]+)""")
# The addresses in the theme's bundle, and why the site never loads them.
_THEME_LOADERS = {
    # A polyfill, fetched only by a browser without ResizeObserver (none the theme supports).
    '"https://unpkg.com/resize-observer-polyfill',
    # mermaid, fetched only for a page with a mermaid diagram: no page has one (checked).
    '"https://unpkg.com/mermaid@11/dist/mermaid.min.js',
    # The repository's stars and version, fetched only when mkdocs.yml sets repo_url (checked).
    "`https://api.github.com/repos/${e}/${t}",
    "`https://api.github.com/users/${e}",
    "`https://${e}/api/v4/projects/${encodeURIComponent(t)}",
}
# Elements and the attributes by which they load something.
_LOADING = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
# <link> relations that load (or connect to) their address; canonical, prev, next do not.
_LOADING_LINKS = {
    "stylesheet",
    "preconnect",
    "dns-prefetch",
    "preload",
    "prefetch",
    "modulepreload",
    "icon",
    "manifest",
}


class _Page(html.parser.HTMLParser):
    """What a page loads from another host, and the text of its inline scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.classes: set[str] = set()
        self.components: set[str] = set()
        self._inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.classes.update(values.get("class", "").split())
        if "data-md-component" in values:
            self.components.add(values["data-md-component"])
        names = _LOADING.get(tag, ())
        if tag == "link" and _LOADING_LINKS & set(values.get("rel", "").lower().split()):
            names = ("href",)
        for name in names:
            for address in values.get(name, "").replace(",", " ").split():
                if _EXTERNAL.match(address):
                    self.loads.append(f"<{tag} {name}={address}>")
        if "style" in values:
            self.styles.append(values["style"])
        if tag in {"script", "style"}:
            self._inside = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._inside:
            self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside == "script":
            self.scripts.append(data)
        elif self._inside == "style":
            self.styles.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    folder = tmp_path_factory.mktemp("site")
    built = subprocess.run(  # noqa: S603 - this interpreter's mkdocs, on the project's own files
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", folder],
        cwd=ROOT,
        capture_output=True,  # not --quiet, which hides the warnings --strict fails on
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    return folder


def _pages(site: pathlib.Path) -> dict[str, _Page]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        pages[str(path.relative_to(site))] = page
    return pages


def _files(site: pathlib.Path, suffix: str) -> dict[str, str]:
    return {
        str(path.relative_to(site)): path.read_text(encoding="utf-8")
        for path in sorted(site.rglob(f"*{suffix}"))
    }


def test_no_file_of_the_site_names_google_fonts(site: pathlib.Path) -> None:
    named = [
        str(path.relative_to(site))
        for path in site.rglob("*")
        if path.suffix in {".html", ".css", ".js", ".json", ".xml"}
        and any(host in path.read_text(encoding="utf-8") for host in _FONT_HOSTS)
    ]
    assert named == []


def test_no_page_loads_from_another_host(site: pathlib.Path) -> None:
    pages = _pages(site)
    assert len(pages) > 100
    loads = {name: page.loads for name, page in pages.items() if page.loads}
    assert loads == {}


def test_no_style_points_at_another_host(site: pathlib.Path) -> None:
    styles = _files(site, ".css")
    for name, page in _pages(site).items():
        styles[name] = "\n".join(page.styles)
    pointing = {name: _CSS_URL.findall(text) for name, text in styles.items()}
    assert {name: urls for name, urls in pointing.items() if urls} == {}


def test_no_script_holds_another_hosts_address_but_the_themes_idle_loaders(
    site: pathlib.Path,
) -> None:
    scripts = {
        name: text for name, text in _files(site, ".js").items() if not name.endswith(".map")
    }
    for name, page in _pages(site).items():
        scripts[name] = "\n".join(page.scripts)
    found = {name: set(_SCRIPT_URL.findall(text)) for name, text in scripts.items()}
    bundle = [
        name for name in found if re.fullmatch(r"assets/javascripts/bundle\.\w+\.min\.js", name)
    ]
    assert len(bundle) == 1
    assert found.pop(bundle[0]) <= _THEME_LOADERS
    assert {name: urls for name, urls in found.items() if urls} == {}


def test_the_conditions_of_the_themes_loaders_never_hold(site: pathlib.Path) -> None:
    pages = _pages(site)
    assert not any({"mermaid", "jp-Mermaid"} & page.classes for page in pages.values())
    assert not any("source" in page.components for page in pages.values())  # no repo_url
    assert "repo_url" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_notebooks_are_pages_with_their_figures(site: pathlib.Path) -> None:
    notebooks = sorted(path.stem for path in (ROOT / "notebooks").glob("*.ipynb"))
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert [name for name in notebooks if f": notebooks/{name}.ipynb\n" not in nav] == []
    assert sorted(path.parent.name for path in site.glob("notebooks/*/index.html")) == notebooks
    page = (site / "notebooks" / "aalborg_pathways" / "index.html").read_text(encoding="utf-8")
    assert "Åben og Rolig Flex" in page
    assert 'src="data:image/png;base64,' in page  # the saved chart, not a link to one


@pytest.mark.parametrize(
    ("page", "figures"), [("simulation", 2), ("municipality", 2), ("outcomes", 2)]
)
def test_the_guides_show_their_notebooks_figures(
    site: pathlib.Path, page: str, figures: int
) -> None:
    text = (site / page / "index.html").read_text(encoding="utf-8")
    assert text.count('src="data:image/png;base64,') == figures
    assert "<!-- figure:" not in text
    assert "From the notebook" in text


def test_every_strategy_is_in_the_api_reference(site: pathlib.Path) -> None:
    page = (site / "reference" / "testing_strategies" / "index.html").read_text(encoding="utf-8")
    missing = [
        name for name in strategies.__all__ if f'id="helhed.testing.strategies.{name}"' not in page
    ]
    assert len(strategies.__all__) >= 25
    assert missing == []
