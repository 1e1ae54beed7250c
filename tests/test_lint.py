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
    import importlib

    from hypothesis import HealthCheck, settings
    current = settings.default
    assert current.derandomize and current.deadline is None and current.database is None
    assert HealthCheck.too_slow in current.suppress_health_check
    # and what each property test actually runs with (a test's own @settings could override the profile)
    found = []
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for name, test in vars(module).items():
            if not getattr(test, "is_hypothesis_test", False):
                continue
            own = test._hypothesis_internal_use_settings
            found.append(name)
            assert own.derandomize and own.deadline is None and own.database is None, name
            assert HealthCheck.too_slow in own.suppress_health_check, name
            assert own.max_examples <= 200, name
    assert "test_never_elects_more_than_seats_nor_without_majority" in found and len(found) >= 10, found
