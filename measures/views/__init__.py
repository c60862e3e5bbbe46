"""Views of measures, by audience and job: editor.py (a table writes its measure, with
autosave and conflicts), gallery.py (everyone reads, comments, joins and prioritises),
staff.py (the Tiltak tab for facilitators and project leads), lead.py (summaries, exports and
follow-up after the arena). Every view gets its `perms` from arena.access first."""
