"""Collection: the doctest run over src/ skips the deprecated ``helhed.pathways.rules``.

It warns when imported, and warnings are errors; tests/test_rules_moved.py imports it on
purpose and checks the warning.
"""

collect_ignore = ["src/helhed/pathways/rules.py"]
