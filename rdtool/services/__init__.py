"""Services: validate, then do the work inside one transaction. No printing here."""
