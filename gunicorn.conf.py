"""gunicorn's settings that belong to the app rather than to one deployment; gunicorn reads this
file from the directory it starts in (the repository, or /app in the image).

The access log goes through a logger that replaces the secrets in personal links, follow-up
links and join codes with `[skjult]` (arena/logs.py), so whoever reads the log cannot use them.
"""

logger_class = "arena.logs.RedactingGunicornLogger"

# Seconds an idle keep-alive connection stays open (the stream server's uvicorn workers; sync
# workers close after each answer). gunicorn's default of 2 s closes connections that phones
# and proxies are about to reuse: a request sent just as the server closes is reset (the
# 300-participant scenario had 2 such resets in 3,572 saves). Keep it above the proxy's and
# the load balancer's idle timeout.
keepalive = 75


def post_worker_init(worker):
    """uvicorn's workers (the stream server's, `arena.asgi`) write their access lines on the
    `uvicorn.access` logger, not through the logger class above: the same redaction goes on
    that logger, and on `uvicorn.error`."""
    import logging

    from arena.logs import RedactSecretsFilter

    for name in ("uvicorn.access", "uvicorn.error"):
        logging.getLogger(name).addFilter(RedactSecretsFilter())
