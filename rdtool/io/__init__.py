"""CSV/XLSX import and export: reading files in any of the encodings Excel/WPS save, the row validators."""
