"""One module per top-level command of `rdtool --help` (rdtool.cli.main.COMMANDS)."""
