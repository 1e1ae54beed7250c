"""The command line: one Typer module per command group; parse → call a service → render."""
