"""Import and export kinds: the registry (registry), the all-or-nothing importer (importer), a module per kind."""
