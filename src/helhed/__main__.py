"""``python -m helhed``: the ``helhed`` command, for where its script is not on the path."""

import sys

from helhed.cli import main

if __name__ == "__main__":  # pragma: no cover - run as python -m helhed, in a subprocess
    sys.exit(main())
