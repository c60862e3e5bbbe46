"""Views of the arena app, split by area: the start page, setting an arena up (setup.py,
program.py for the program, themes and tables), and running it live (live.py)."""
