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
# Django's password-reset link: /konto/reset/<uid>/<token>/ (its redirect target, ending in
# set-password/, carries none).
_RESET_PATH = re.compile(r"/konto/reset/[^/\s?#\"']+/(?!set-password/)[^/\s?#\"']+")
# Query parameters that may carry a secret (the feed's `t` is a participant's edit token).
_SECRET_QUERY = re.compile(r"(?P<name>[?&](?:t|token|code|kode)=)[^&\s\"']*")


def redact(text):
    """`text` with every secret of a path or query string replaced by `[skjult]`."""
    text = _SECRET_PATH.sub(rf"\g<before>/\g<kind>/{REDACTED}", text)
    text = _RESET_PATH.sub(f"/konto/reset/{REDACTED}/{REDACTED}", text)
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


def logging_config(level):
    """`settings.LOGGING`: every handler redacts; runserver's request lines (`make run`) keep
    Django's format; the security logger `tiltaksarena.security` writes at INFO whatever
    `level` says (decision 58)."""
    config = {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact_secrets": {"()": "arena.logs.RedactSecretsFilter"}},
        "formatters": {
            "django.server": {
                "()": "django.utils.log.ServerFormatter",
                "format": "[{server_time}] {message}",
                "style": "{",
            }
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "level": level,
                "filters": ["redact_secrets"],
            },
            "django.server": {
                "class": "logging.StreamHandler",
                "formatter": "django.server",
                "filters": ["redact_secrets"],
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False}
        },
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
