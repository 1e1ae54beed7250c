"""Reports: the period figures (reports.figures), their Chinese prose (reports.prose), and the writers."""
