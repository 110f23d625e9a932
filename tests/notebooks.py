"""Run the notebooks and compare their outputs with the saved ones.

``make notebooks`` runs ``python tests/notebooks.py``: every notebook in ``notebooks/`` is
executed in place, in a kernel started with this interpreter (the project's virtual
environment, never a kernel found elsewhere on the machine), and saved with its outputs.
``tests/test_notebooks.py`` executes each notebook once more and compares what it prints with
what is saved, through `outputs` below:

- text (streams, ``text/plain``, ``text/html``, ...) exactly, after replacing what no seed
  makes reproducible: memory addresses (``0x7f...``), durations with a decimal point
  (``1.25 s``, ``Wall time: ...``) and progress bars (only the last state of a ``\\r``
  redrawn line is kept, and a tqdm bar's timings and rate are dropped);
- images by their kind and, for PNG, their size in pixels, read from the image header. The
  bytes themselves are not compared: the same figure gives different PNG bytes with another
  build of matplotlib, FreeType or zlib.
"""

from __future__ import annotations

import base64
import pathlib
import re
import struct
import sys
from typing import Any

import nbformat
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from traitlets import default

ROOT = pathlib.Path(__file__).parents[1]
FOLDER = ROOT / "notebooks"
NOTEBOOKS = sorted(FOLDER.glob("*.ipynb"))
TIMEOUT = 600  # seconds for one cell

_ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")
_TIMING = re.compile(
    r"(?:(?:Wall time|CPU times|user|sys|total): [^\n]*)"
    r"|(?:\b\d+(?:\.\d+)? ?(?:ns|µs|us|ms|s) ± [^\n]*)"  # %timeit
    r"|(?:\b\d+\.\d+ ?(?:ns|µs|us|ms|s|sec|seconds)\b)"
)
_TQDM = re.compile(r"\[\d+:\d+(?::\d+)?<[^\]]*\]")
_IMAGES = ("image/png", "image/jpeg", "image/svg+xml", "image/gif")


class _ThisInterpreter(KernelSpecManager):
    """Every kernel name means an IPython kernel run by this very interpreter."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        return KernelSpec(
            argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            display_name=kernel_name,
            language="python",
        )


class _Manager(AsyncKernelManager):
    """nbclient's kernel manager, with kernels pinned to this interpreter."""

    @default("kernel_spec_manager")
    def _kernel_spec_manager_default(self) -> KernelSpecManager:
        return _ThisInterpreter(data_dir=self.data_dir)


def execute(notebook: nbformat.NotebookNode, folder: pathlib.Path) -> nbformat.NotebookNode:
    """Run every cell of ``notebook`` (changed in place and returned) with ``folder`` as cwd."""
    client = NotebookClient(
        notebook,
        kernel_manager_class=_Manager,
        timeout=TIMEOUT,
        record_timing=False,
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute()
    return notebook


def read(path: pathlib.Path) -> nbformat.NotebookNode:
    """The notebook saved at ``path``."""
    return nbformat.read(path, as_version=nbformat.NO_CONVERT)


def text(value: str | list[str]) -> str:
    """A text output with what is not reproducible replaced by ``…``."""
    value = "".join(value)
    lines = [line.rsplit("\r", 1)[-1] for line in value.split("\n")]  # a bar's last state
    value = "\n".join(lines)
    value = _ADDRESS.sub("0x…", value)
    value = _TQDM.sub("[…]", value)
    return _TIMING.sub("…", value)


def png_size(encoded: str | list[str]) -> tuple[int, int]:
    """Width and height in pixels of a base64 PNG, from its IHDR chunk."""
    head = base64.b64decode("".join(encoded))[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return (-1, -1)
    width, height = struct.unpack(">II", head[16:24])
    return (width, height)


def _output(output: dict[str, Any]) -> tuple[Any, ...]:
    kind = output["output_type"]
    if kind == "stream":
        return (kind, output["name"], text(output["text"]))
    if kind == "error":
        return (kind, output["ename"], text(output["evalue"]))
    shown: list[tuple[str, Any]] = []
    for mime, value in sorted(output.get("data", {}).items()):
        if mime == "image/png":
            shown.append((mime, png_size(value)))
        elif mime in _IMAGES:
            shown.append((mime, "present"))
        elif isinstance(value, (str, list)):
            shown.append((mime, text(value)))
        else:
            shown.append((mime, value))
    return (kind, *shown)


def outputs(notebook: nbformat.NotebookNode) -> list[list[tuple[Any, ...]]]:
    """The outputs of each code cell as compared: normalised text, image kinds and sizes.

    Consecutive stream outputs of the same name are joined first, as a kernel may split one
    print into several messages.
    """
    cells: list[list[tuple[Any, ...]]] = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        joined: list[dict[str, Any]] = []
        for output in cell.get("outputs", []):
            last = joined[-1] if joined else None
            if (
                last is not None
                and output["output_type"] == last["output_type"] == "stream"
                and output["name"] == last["name"]
            ):
                joined[-1] = {**last, "text": "".join(last["text"]) + "".join(output["text"])}
            else:
                joined.append(output)
        cells.append([_output(output) for output in joined])
    return cells


def differences(saved: nbformat.NotebookNode, fresh: nbformat.NotebookNode) -> list[str]:
    """Where the saved outputs differ from fresh ones: one line per code cell (1-based)."""
    found = []
    before, now = outputs(saved), outputs(fresh)
    if len(before) != len(now):
        return [f"{len(before)} code cells saved, {len(now)} now"]
    for number, (old, new) in enumerate(zip(before, now, strict=True), start=1):
        if old != new:
            found.append(f"code cell {number}: saved {old!r}, now {new!r}")
    return found


def refresh(path: pathlib.Path) -> None:
    """Execute the notebook at ``path`` and save it with its new outputs."""
    notebook = execute(read(path), path.parent)
    # The kernel's own version would change the file from one machine to the next.
    notebook.metadata["language_info"] = {"name": "python"}
    nbformat.write(notebook, path)


if __name__ == "__main__":
    chosen = [pathlib.Path(name) for name in sys.argv[1:]] or NOTEBOOKS
    for notebook_path in chosen:
        print(f"executing {notebook_path.name}", flush=True)  # noqa: T201
        refresh(notebook_path)
