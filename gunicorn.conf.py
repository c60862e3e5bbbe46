"""gunicorn's settings that belong to the app rather than to one deployment; gunicorn reads this
file from the directory it starts in (the repository, or /app in the image).

The access log goes through a logger that replaces the secrets in personal links, follow-up
links and join codes with `[skjult]` (arena/logs.py), so whoever reads the log cannot use them.
"""

logger_class = "arena.logs.RedactingGunicornLogger"
