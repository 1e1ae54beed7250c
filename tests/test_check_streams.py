"""`db check` streams: every registered check is a generator (its findings go to the output as they are found, so
memory does not grow with their number), and the meeting numbering the checks and imports share, made linear,
numbers every group exactly as its definition does."""

from __future__ import annotations

import importlib
import inspect
import random

from rdtool.services.admin.checks import CHECKS, REPORT_CHECKS
from rdtool.services.meetings import meetings as meetings_svc


def test_every_check_is_a_generator():
    for target in {*CHECKS, *REPORT_CHECKS}:
        module, attr = target.split(":")
        assert inspect.isgeneratorfunction(getattr(importlib.import_module(module), attr)), target


def _numbering_by_definition(rows: list[dict]) -> dict[int, int | None]:
    """The definition, read literally (quadratic): a stated number stays; an unstated one is the next after the one
    before it, unless a later stated number is not above it (then unknown)."""
    ordered = meetings_svc._order(rows)
    numbers, previous = {}, None
    for i, m in enumerate(ordered):
        if m["seq_stated"] and m["seq"]:
            n = m["seq"]
        else:
            n = previous + 1 if previous else 1
            later = [x["seq"] for x in ordered[i + 1:] if x["seq_stated"] and x["seq"]]
            if later and n >= later[0]:
                numbers[m["id"]] = None
                continue
        numbers[m["id"]] = n
        previous = n
    return numbers


def test_numbering_is_its_definition_for_any_mix_of_stated_and_unstated_numbers():
    rng = random.Random(28)
    for _ in range(300):
        size = rng.randrange(1, 40)
        rows = [{"id": i + 1, "code": f"C{i}", "date": f"2024-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
                 "seq_stated": int(rng.random() < 0.3), "seq": rng.randrange(1, 60)} for i in range(size)]
        assert meetings_svc.numbering(rows)[0] == _numbering_by_definition(rows)

