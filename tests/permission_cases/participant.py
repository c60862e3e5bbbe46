"""Cases for the participant pages."""

CASES = []
