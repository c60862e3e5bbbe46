"""Views of measures, split by audience: participant.py (the workshop), lead.py (summaries,
exports and follow-up for staff)."""
