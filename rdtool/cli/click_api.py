"""The one module that reaches into typer's bundled click (``typer._click``), and why.

typer (≥ 0.28) vendors click as the private ``typer._click`` and re-exports only part of it (``typer.Context``,
``typer.Exit``, ``typer.Abort``, ``typer.BadParameter``). rdtool needs more than that for three things typer
offers no public way to do:

- Chinese usage errors and help (rdtool.cli.usage): click's exception classes (to translate each kind of usage
  error), its ``HelpFormatter`` (to lay the help out by terminal cells) and a ``Context`` subclass (for ``-h``);
- command groups that build a sub-command only when it is called (rdtool.cli.main.LazySubGroup): ``Command``;
- the current context outside a callback (rdtool.cli.common, rdtool.cli.main): ``get_current_context``.

Everything else goes through typer's public API (``typer.Typer``, ``typer.Option``, ``typer.main.get_command``,
``typer.core.TyperGroup``). When typer changes its internals, this module is the one to change; typer is pinned
below 0.29 in pyproject.toml (0.29 imports pydantic at start-up).
"""

from __future__ import annotations

from typer import _click as click
from typer._click import exceptions
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer._click.formatting import HelpFormatter
from typer._click.globals import get_current_context

__all__ = ["ClickException", "HelpFormatter", "NoArgsIsHelpError", "UsageError", "click", "exceptions",
           "get_current_context"]
