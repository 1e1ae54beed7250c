"""Every example a `-h` shows is true for the current syntax: a code has the form rdtool gives such records now, a
date parses, a name with its ID is written the one way every shell passes as it is (王建国#20 — PowerShell splits
王建国(20) at the bracket), `姓名=得票` parses, and a command a help text names exists with the options it is
shown with."""

from __future__ import annotations

import re

import pytest
import typer

from rdtool.cli.main import COMMANDS, LazyGroup, app


def _commands() -> dict[str, object]:
    """'deputy add' → its click command, for every command and sub-command."""
    root = typer.main.get_command(app)
    ctx = root.make_context("rdtool", ["deputy"], resilient_parsing=True)
    found: dict[str, object] = {}
    for name in COMMANDS:
        cmd = LazyGroup.get_command(root, ctx, name)
        found[name] = cmd
        subs = getattr(cmd, "list_commands", None)
        if subs is not None:
            for sub in subs(ctx):
                found[f"{name} {sub}"] = cmd.get_command(ctx, sub)
    return found


COMMAND_OBJECTS = _commands()


def _texts() -> list[tuple[str, str]]:
    """(where, text) of every help text: each command's description and each of its parameters' help."""
    out = []
    for path, cmd in COMMAND_OBJECTS.items():
        out.append((path, cmd.help or ""))
        for p in cmd.params:
            if getattr(p, "help", None):
                out.append((f"{path} {p.opts[0] if p.opts else p.name}", p.help))
    return out


TEXTS = _texts()
CN = "一二三四五六七八九十"
MEETING = re.compile(r"(?<![\w-])([PCO])(\d+)-(\d+)(?:#(\d+))?(?![\w-])")
PROPOSAL = re.compile(rf"(?<![\w-])([{CN}]+届[{CN}]+次|\d{{4}})-(\d+)(?![\d-])")
ACTIVITY = re.compile(r"(?<![\w-])A(\d+)-(\d+)(?![\w-])")
BY_ELECTION = re.compile(r"(?<![\w-])B(\d+)-(\d+)(?![\w-])")
INQUIRY = re.compile(r"(?<![\w-])([PCO]\d+-\d+)-Q(\d+)(?![\w-])")
DATE = re.compile(r"(?<![\d.-])(\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)(?![\d-])")
CANDIDATE = re.compile(r"(?<![\w#])([\u4e00-\u9fff]{2,4}(?:#\d+)?=\d+)")
COMMAND = re.compile(r"rdtool ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*)?)((?: [^\s，；。、）」]+)*)")


def test_help_texts_were_found():
    assert len(COMMAND_OBJECTS) > 100 and len(TEXTS) > 500


def test_meeting_and_item_codes_have_the_form_rdtool_gives_them():
    """P5-22 (presidium, two digits), C18-4 (congress), O3-01 (other); an item as code#n."""
    from rdtool.services.meetings.codes import make_code

    kinds = {"P": "presidium", "C": "congress", "O": "other"}
    seen = []
    for where, text in TEXTS:
        for m in MEETING.finditer(text):
            prefix, term, seq = m.group(1), int(m.group(2)), int(m.group(3))
            code = m.group(0).split("#")[0]
            seen.append(code)
            assert make_code(term, kinds[prefix], seq) == code, f"{where}: {m.group(0)} is not a code rdtool gives"
    assert len(seen) > 20


def test_proposal_and_activity_codes_have_the_form_rdtool_gives_them():
    """三届一次-001 at a session, 2026-001 between sessions (three digits); A3-014 (three digits)."""
    seen = []
    for where, text in TEXTS:
        for m in PROPOSAL.finditer(text):
            if m.group(1).isdigit() and not 1990 < int(m.group(1)) < 2100:
                continue
            seen.append(m.group(0))
            assert len(m.group(2)) == 3, f"{where}: {m.group(0)} is not a proposal code rdtool gives"
        for m in ACTIVITY.finditer(text):
            seen.append(m.group(0))
            assert len(m.group(2)) == 3, f"{where}: {m.group(0)} is not an activity code rdtool gives"
    assert any("届" in s for s in seen) and any(s.startswith("A") for s in seen)


def test_by_election_and_inquiry_codes_have_the_form_rdtool_gives_them():
    """B3-01 (by_elections: B{term}-{seq:02d}); C5-1-Q1 (inquiries: the session's code, -Q and a count)."""
    from rdtool.services.meetings.codes import make_code

    seen = []
    for where, text in TEXTS:
        for m in BY_ELECTION.finditer(text):
            seen.append(m.group(0))
            assert m.group(0) == f"B{int(m.group(1))}-{int(m.group(2)):02d}", f"{where}: {m.group(0)}"
        for m in INQUIRY.finditer(text):
            seen.append(m.group(0))
            term, seq = m.group(1)[1:].split("-")
            assert make_code(int(term), "congress", int(seq)) == m.group(1), f"{where}: {m.group(0)}"
    assert any(s.startswith("B") for s in seen) and any("-Q" in s for s in seen)


def test_dates_in_examples_parse():
    from rdtool.labels import parse_date

    seen = 0
    for where, text in TEXTS:
        for m in DATE.finditer(text):
            seen += 1
            assert parse_date(m.group(1)), f"{where}: {m.group(1)}"
    assert seen > 10


def test_a_namesake_is_written_name_hash_id_everywhere():
    """王建国(20) parses, but PowerShell splits it at the bracket (README “On Windows”): the help shows the form
    that passes every shell, the one lists and error messages use."""
    for where, text in TEXTS:
        assert not re.search(r"[\u4e00-\u9fff]\(\d+\)", text), f"{where}: {text}"


def test_candidate_examples_parse():
    from rdtool.services.elections.elections import parse_candidate

    seen = 0
    for where, text in TEXTS:
        for m in CANDIDATE.finditer(text):
            seen += 1
            name, ident, votes = parse_candidate(m.group(1))
            assert name and votes >= 0, f"{where}: {m.group(1)}"
    assert seen >= 2


def _options(cmd) -> set[str]:
    return {o for p in cmd.params for o in (*p.opts, *p.secondary_opts)}


@pytest.mark.parametrize("where,text", [(w, t) for w, t in TEXTS if "rdtool " in t])
def test_commands_named_in_help_exist_with_their_options(where, text):
    for m in COMMAND.finditer(text):
        words = m.group(1).split()
        path = " ".join(words) if " ".join(words) in COMMAND_OBJECTS else words[0]
        if path not in COMMAND_OBJECTS:
            assert path in ("init",) or path not in COMMANDS, f"{where}: rdtool {m.group(1)}"
            assert path in COMMAND_OBJECTS or path in COMMANDS, f"{where}: no command rdtool {m.group(1)}"
            continue
        cmd = COMMAND_OBJECTS[path]
        assert not (len(words) > 1 and path == words[0] and hasattr(cmd, "list_commands")
                    and words[1] not in cmd.list_commands(None)), f"{where}: no command rdtool {m.group(1)}"
        for option in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", m.group(2)):
            assert option in _options(cmd) or option == "--help", f"{where}: rdtool {path} has no {option}"


def test_durations_in_examples_are_taken_by_their_command(cli):
    """`--within 14d、2w、1m`, `--since 30m、2h、7d`: each example run through the command it documents."""
    seen = 0
    for path, option in (("proposal due", "--within"), ("db log", "--since")):
        [param] = [p for p in COMMAND_OBJECTS[path].params if option in p.opts]
        for example in re.findall(r"(?<![\w-])(\d+[mhdw])(?![\w-])", param.help):
            seen += 1
            cli(*path.split(), option, example)
    assert seen >= 5
