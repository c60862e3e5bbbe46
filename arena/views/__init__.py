"""Views of the arena app, split by area: the start page (public.py), setting an arena up
(setup.py; program.py for the program, themes and tables), and the facilitation screen's
controls (controls.py). The screen itself and the wall are measures/views/live.py; the
Deltakere tab is participants/views/staff.py."""
