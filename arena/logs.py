"""Keeping secrets out of the logs.

Three kinds of address carry a secret in their path: the personal link (`/fortsett/<token>/`),
the follow-up link (`/oppfolging/<token>/`) and the join code (`/bli-med/<code>/…`). Anyone who
reads an access log must not be able to use them, so every log line has them replaced with
`[skjult]` before it is written: Django's own lines ("Not Found: /fortsett/…") through
`RedactSecretsFilter` on the handlers in settings.LOGGING, and gunicorn's access log through
`RedactingGunicornLogger` (gunicorn.conf.py), which redacts the request line, path, query and
Referer before its format is applied.

The security log (arena/security_log.py, decision 58) has its own handler at INFO, whatever
LOG_LEVEL says, each line with its time and UTC offset; the redaction filter sits on that
logger itself, so every handler of it (and pytest's caplog) gets the redacted line.
"""

import logging
import re

from gunicorn.glogging import Logger as GunicornLogger

REDACTED = "[skjult]"
# A secret path segment: after the start, a space, a quote or a host name, never inside
# `/a/<slug>/oppfolging/` (the staff page of that name has no secret).
_SECRET_PATH = re.compile(
    r"(?P<before>(?:^|[\s\"'(=,])(?:https?://[^/\s\"']+)?)"
    r"/(?P<kind>fortsett|oppfolging|bli-med)/(?P<secret>[^/\s?#\"']+)"
)
# Query parameters that may carry a secret (the feed's `t` is a participant's edit token).
_SECRET_QUERY = re.compile(r"(?P<name>[?&](?:t|token|code|kode)=)[^&\s\"']*")


def redact(text):
    """`text` with every secret of a path or query string replaced by `[skjult]`."""
    text = _SECRET_PATH.sub(rf"\g<before>/\g<kind>/{REDACTED}", text)
    return _SECRET_QUERY.sub(rf"\g<name>{REDACTED}", text)


class RedactSecretsFilter(logging.Filter):
    """Formats the record's message once, redacted, so no handler writes the secret."""

    def filter(self, record):
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        return True


class RedactingGunicornLogger(GunicornLogger):
    """gunicorn's logger, with every value its access-log format may use redacted: the request
    line, path, query and Referer, and the same again among the header and environ atoms."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: redact(v) if isinstance(v, str) else v for k, v in atoms.items()}


def with_security_log(logging_config):
    """`settings.LOGGING` with the security logger `tiltaksarena.security` added."""
    config = {
        key: dict(value) if isinstance(value, dict) else value
        for key, value in logging_config.items()
    }
    config.setdefault("formatters", {})["security"] = {
        "format": "{asctime} {name} {message}",
        "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        "style": "{",
    }
    config.setdefault("handlers", {})["security"] = {
        "class": "logging.StreamHandler",
        "level": "INFO",
        "formatter": "security",
    }
    config.setdefault("loggers", {})["tiltaksarena.security"] = {
        "handlers": ["security"],
        "level": "INFO",
        "filters": ["redact_secrets"],
        "propagate": False,
    }
    return config
