"""Optional extras: a research module without its packages says which extra to install.

``import helhed`` needs none of numpy, pandas, matplotlib, pyarrow, tqdm, scipy or Dask.
The modules that do (``helhed.batch``, ``helhed.frames``, ``helhed.plots``,
``helhed.exports``, ``helhed.simulation``, ``helhed.municipality``, ``helhed.distributed``)
import them inside [`needs`][helhed._extras.needs], so that where one is not installed the
import fails with a message naming the package and the ``pip install`` line of its extra,
rather than a bare "No module named 'numpy'".

Examples:
    >>> import sys
    >>> saved = sys.modules.get("pandas")
    >>> sys.modules["pandas"] = None  # as if pandas were not installed
    >>> try:
    ...     with needs("helhed.frames"):
    ...         import pandas
    ... except ModuleNotFoundError as exc:
    ...     print(exc)
    helhed.frames needs pandas, which is not installed: pip install 'helhed[research]'
    >>> if saved is None:
    ...     del sys.modules["pandas"]
    ... else:
    ...     sys.modules["pandas"] = saved
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Final

__all__ = ["EXTRA_OF", "install_line", "needs"]

EXTRA_OF: Final = {
    **dict.fromkeys(("numpy", "pandas", "matplotlib", "pyarrow", "tqdm", "scipy"), "research"),
    "dask": "distributed",
    "distributed": "distributed",
    "starlette": "server",
    "uvicorn": "server",
}
"""The extra of ``pyproject.toml`` that installs each optional package helhed imports."""


def install_line(extra: str) -> str:
    """The command that installs ``extra``, e.g. ``pip install 'helhed[research]'``."""
    return f"pip install 'helhed[{extra}]'"


@contextlib.contextmanager
def needs(module: str) -> Iterator[None]:
    """Import optional packages for ``module``; name the extra if one is not installed.

    Raises:
        ModuleNotFoundError: If an import in the block fails for want of a package of
            [`EXTRA_OF`][helhed._extras.EXTRA_OF] (directly, or in a package that needs
            it): its message names ``module``, the package
            and the ``pip install`` line; its ``name`` is the package's. Any other import
            error passes unchanged.
    """
    try:
        yield
    except ImportError as exc:
        package = _missing(exc)
        if package is None:
            raise
        extra = EXTRA_OF[package]
        message = f"{module} needs {package}, which is not installed: {install_line(extra)}"
        raise ModuleNotFoundError(message, name=package) from exc


def _missing(exc: BaseException | None) -> str | None:
    """The optional package whose absence caused ``exc``; None for any other error.

    The chain of causes is followed, for a package that needs another (pandas needs numpy)
    and raises an error of its own when it is missing.
    """
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, ModuleNotFoundError):
            package = (exc.name or "").partition(".")[0]
            if package in EXTRA_OF:
                return package
        exc = exc.__cause__ or exc.__context__
    return None
