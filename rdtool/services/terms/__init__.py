"""Terms (届), the province profile in force, the term's legal calendar and the one resolution of a period."""
