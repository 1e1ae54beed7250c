"""ruff, configured in pyproject.toml, finds nothing in the code, the tests, the benchmarks and the sample data."""

import subprocess
import sys

import pytest

from tests.helpers import ROOT


def test_ruff_finds_nothing():
    pytest.importorskip("ruff", reason="ruff is in the test extra: pip install -e '.[test]'")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "rdtool", "tests", "benchmarks",
                             "sample_data"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
