"""Collection and the session's language.

The doctest run over src/ skips the deprecated ``helhed.pathways.rules``: it warns when
imported, and warnings are errors; tests/test_rules_moved.py imports it on purpose and checks
the warning.

The tests read English output, so the session pins ``HELHED_LANG=en`` before anything runs:
the machine's locale (``LANG=da_DK.UTF-8`` on a Danish desktop or CI runner) cannot change
what ``helhed`` writes, here or in the commands the tests start, which inherit the setting.
Tests of the default language start ``helhed`` with an environment of their own.
"""

import os

os.environ["HELHED_LANG"] = "en"

collect_ignore = ["src/helhed/pathways/rules.py"]
