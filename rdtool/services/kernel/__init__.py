"""The shared kernel: every correction (corrections), what it recomputes (recompute), how a command names a record (refs) and how a change reads in words (describe). It imports no domain."""
