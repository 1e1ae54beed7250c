"""Loaded by every child Python the tests start (tests/windows_rules.py puts this folder on PYTHONPATH): with
$RDTOOL_TEST_WINDOWS_RULES=1 the child runs under Windows' file rules too (windows_fs). Never shipped."""

import os

if os.environ.get("RDTOOL_TEST_WINDOWS_RULES") == "1":
    import windows_fs

    windows_fs.install()
