"""Views of participants: join.py (joining without an account, the personal link) and
staff.py (the Deltakere tab, where facilitators move and remove people)."""
