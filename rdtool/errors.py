"""Error types and the one mapping from errors to exit codes.

Exit codes (docs/exit-codes.md): 0 success, 1 a domain error (not found,
invalid record, rule violated), 2 a usage error (bad option, bad file path).
Messages are Chinese first; they name what is wrong, where, and how to fix it.
"""

from __future__ import annotations

DOMAIN = 1
USAGE = 2


class RdtoolError(Exception):
    """A domain error: the request was understood but cannot be carried out."""

    exit_code = DOMAIN

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n提示：{self.hint}"


class Terminated(BaseException):
    """SIGTERM (`timeout`, a shutdown, systemd) as an exception: what a command was doing unwinds — its
    transaction rolled back, its temporary files removed — instead of the process vanishing mid-write."""


class UsageError(RdtoolError):
    """The command line or a file path is wrong (exit 2)."""

    exit_code = USAGE


class NotFound(RdtoolError):
    """A record named by the user does not exist."""


class ValidationError(RdtoolError):
    """A value, or a set of values, breaks the data rules."""

    def __init__(self, message: str, hint: str | None = None, problems: list[str] | None = None):
        super().__init__(message, hint)
        self.problems = problems or []

    def __str__(self) -> str:
        lines = [self.message, *("  " + p for p in self.problems)]
        if self.hint:
            lines.append(f"提示：{self.hint}")
        return "\n".join(lines)


class FieldError(ValueError):
    """A single value that cannot be parsed; the caller adds where it came from."""


def exit_code_for(exc: BaseException) -> int:
    """The one mapping from an exception to the process exit code."""
    if isinstance(exc, RdtoolError):
        return exc.exit_code
    if isinstance(exc, FieldError):
        return DOMAIN
    return DOMAIN
