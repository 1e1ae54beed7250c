"""Deputy activities and supervision (监督)."""
