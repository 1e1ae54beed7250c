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


def test_property_tests_share_one_seeded_profile():
    """Hypothesis runs every property test seeded, with no deadline and no too-slow check (tests/conftest.py),
    so a loaded machine cannot fail a correct test; each test bounds its own max_examples."""
    from hypothesis import HealthCheck, settings
    current = settings.default
    assert current.derandomize and current.deadline is None
    assert HealthCheck.too_slow in current.suppress_health_check
