"""Services: validate, then do the work inside one transaction. No printing here.

The shared kernel (rdtool.services.kernel) imports no domain; the domains register what they recompute after
every write with it. This is the one place that names them, in the order they run (docs/architecture.md).
"""

RECOMPUTATIONS = (
    "rdtool.services.elections.outcomes",   # a congress election's winners → presidium roles, office-holders
    "rdtool.services.meetings.recompute",   # every meeting whose roster the writes change → snapshots, results
)
