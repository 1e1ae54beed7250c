"""The shared output options (--bom, --headers) reach every command that prints with --format."""

from __future__ import annotations

from typer.testing import CliRunner

from rdtool.cli.main import COMMANDS, app, LazyGroup


def _commands():
    import typer

    root = typer.main.get_command(app)
    ctx = root.make_context("rdtool", ["deputy"], resilient_parsing=True)
    for name in COMMANDS:
        cmd = LazyGroup.get_command(root, ctx, name)
        subs = getattr(cmd, "list_commands", None)
        if subs is None:
            yield name, cmd
            continue
        for sub in subs(ctx):
            yield f"{name} {sub}", cmd.get_command(ctx, sub)


def test_every_format_command_takes_bom_and_headers():
    with_format = [(path, c) for path, c in _commands() if any(p.name == "fmt" for p in c.params)]
    assert len(with_format) > 20
    for path, c in with_format:
        opts = {o for p in c.params for o in getattr(p, "opts", [])}
        assert {"--bom", "--headers"} <= opts, path


def test_bom_and_chinese_headers_on_a_list(sample):
    out = sample("deputy", "list", "--term", "3", "--format", "csv", "--bom", "--headers", "zh").stdout
    assert out.startswith("\ufeff")
    assert out.lstrip("\ufeff").splitlines()[0].split(",")[:3] == ["ID", "姓名", "性别"]
    plain = sample("deputy", "list", "--term", "3", "--format", "csv").stdout
    assert plain.splitlines()[0].startswith("id,name,gender")


def test_bad_headers_value_is_a_usage_error(sample):
    result = sample("proposal", "overdue", "--format", "csv", "--headers", "fr", expect=2)
    assert "--headers" in result.stderr


def test_help_lists_the_shared_options():
    result = CliRunner().invoke(app, ["proposal", "overdue", "--help"])
    assert "--bom" in result.output and "--headers" in result.output
