"""Deputies: the roster, corrections of a deputy, names in files, how a mandate ends, the performance archive."""
