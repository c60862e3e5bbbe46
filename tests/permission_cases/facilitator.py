"""Cases for the facilitator pages."""

CASES = []
