"""Meetings, their roll calls and quorum, agenda items and the votes on them."""
