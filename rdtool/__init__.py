"""rdtool — records and reports for a township People's Congress presidium (乡镇人大主席团)."""

__version__ = "0.1.0"
