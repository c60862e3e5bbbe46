"""Cases for the lead pages."""

CASES = []
