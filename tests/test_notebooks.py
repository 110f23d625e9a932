"""The notebooks run, and the outputs saved in them are the ones their code now gives.

Each notebook in ``notebooks/`` is executed once, in a kernel run by this interpreter, and its
outputs are compared with the saved ones (``tests/notebooks.py`` says how): text exactly, after
replacing memory addresses, durations and progress-bar timings, which no seed fixes; images by
their kind, their number and their size in pixels only, since PNG bytes differ between builds
of matplotlib and its libraries for the same figure. When a test here fails, ``make
notebooks`` saves the outputs anew; look at the difference before committing it.
"""

from __future__ import annotations

import base64
import copy
import pathlib
import struct
import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from notebooks import NOTEBOOKS, differences, execute, outputs, read, refresh, text

# A notebook with each kind of output that is not reproducible byte for byte.
_CELLS = [
    "import random, sys, time\nrandom.seed(7)\nprint(f'{random.random():.6f}')",
    "print(object())",
    "from tqdm import tqdm\n"
    "for _ in tqdm(range(3), file=sys.stderr, mininterval=0, desc='drawing'):\n"
    "    time.sleep(0.01)",
    "start = time.perf_counter()\nprint(f'took {time.perf_counter() - start:.6f} s')",
    "import io\n"
    "import matplotlib\n"
    "matplotlib.use('Agg')\n"
    "import matplotlib.pyplot as plt\n"
    "from IPython.display import Image, display\n"
    "fig, ax = plt.subplots(figsize=(3, 2))\n"
    "ax.plot([1, 2, 3], [random.random() for _ in range(3)])\n"
    "png = io.BytesIO()\n"
    "fig.savefig(png, format='png', dpi=50)\n"
    "display(Image(png.getvalue()))",
    "{'answer': 42}",
]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """A small notebook saved with its outputs by the same code as ``make notebooks``."""
    path = tmp_path_factory.mktemp("notebooks") / "small.ipynb"
    notebook = new_notebook(cells=[new_markdown_cell("# Small"), *map(new_code_cell, _CELLS)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, path)
    refresh(path)
    return path


def test_there_are_notebooks() -> None:
    assert len(NOTEBOOKS) >= 8


def test_the_kernel_is_this_interpreter(tmp_path: pathlib.Path) -> None:
    notebook = new_notebook(cells=[new_code_cell("import sys\nprint(sys.executable)")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    execute(notebook, tmp_path)
    assert notebook.cells[0].outputs[0].text == f"{sys.executable}\n"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_saved_outputs_are_what_the_notebook_gives_now(path: pathlib.Path) -> None:
    saved = read(path)
    fresh = execute(copy.deepcopy(saved), path.parent)
    found = differences(saved, fresh)
    assert not found, "stale outputs (`make notebooks` saves new ones):\n" + "\n".join(found)


def test_saved_outputs_just_made_agree_with_a_new_run(made: pathlib.Path) -> None:
    saved = read(made)
    kinds = [output[0] for cell in outputs(saved) for output in cell]
    assert kinds == ["stream", "stream", "stream", "stream", "display_data", "execute_result"]
    fresh = execute(copy.deepcopy(saved), made.parent)
    assert fresh.cells[2].outputs[0].text != saved.cells[2].outputs[0].text  # the address
    assert differences(saved, fresh) == []


def _tampered(made: pathlib.Path, cell: int, change: str) -> list[str]:
    saved = read(made)
    other = copy.deepcopy(saved)
    output = other.cells[cell].outputs[-1]  # cells[0] is markdown: cells[n] is code cell n
    if change == "text":
        output.text = output.text.replace(output.text[0], "9" if output.text[0] != "9" else "8")
    elif change == "drop":
        other.cells[cell].outputs = []
    elif change == "image size":  # the same picture one pixel narrower: re-encode its header
        png = bytearray(base64.b64decode(output.data["image/png"]))
        (width,) = struct.unpack(">I", png[16:20])
        png[16:20] = struct.pack(">I", width - 1)
        output.data["image/png"] = base64.b64encode(bytes(png)).decode()
    elif change == "image bytes":
        output.data["image/png"] = output.data["image/png"][:-8] + "AAAAAAA="
    elif change == "result":
        output.data["text/plain"] = "{'answer': 43}"
    return differences(other, saved)


@pytest.mark.parametrize(
    ("cell", "change"),
    [(1, "text"), (1, "drop"), (5, "image size"), (5, "drop"), (6, "result")],
)
def test_a_changed_output_is_stale(made: pathlib.Path, cell: int, change: str) -> None:
    found = _tampered(made, cell, change)
    assert len(found) == 1
    assert found[0].startswith(f"code cell {cell}:")


def test_other_bytes_of_the_same_image_size_are_not_stale(made: pathlib.Path) -> None:
    assert _tampered(made, 5, "image bytes") == []


def test_a_missing_code_cell_is_stale(made: pathlib.Path) -> None:
    saved = read(made)
    fewer = copy.deepcopy(saved)
    del fewer.cells[-1]
    assert differences(fewer, saved) == ["5 code cells saved, 6 now"]


@pytest.mark.parametrize(
    ("shown", "compared"),
    [
        ("<object object at 0x7f3a2c1b9e40>\n", "<object object at 0x…>\n"),
        ("took 0.000123 s\n", "took …\n"),
        ("CPU times: user 1.2 s, sys: 3 ms\nWall time: 1.3 s\n", "…\n…\n"),
        (
            "drawing:  33%|███▎      | 1/3 [00:00<?, ?it/s]\r"
            "drawing: 100%|██████████| 3/3 [00:00<00:00, 96.21it/s]\n",
            "drawing: 100%|██████████| 3/3 […]\n",
        ),
        ("2,891 events of 656 citizens\n", "2,891 events of 656 citizens\n"),
        ("kappa = 1.4142 and 7 s\n", "kappa = 1.4142 and 7 s\n"),
    ],
)
def test_what_is_not_reproducible_is_replaced(shown: str, compared: str) -> None:
    assert text(shown) == compared
