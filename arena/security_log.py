"""Security events in the server's log (OWASP ASVS V16, decision 58).

One line per event on the logger `tiltaksarena.security`: the event's name, then `key=value`
pairs, e.g. `login_failed username=kari client=3f2a9c0b1d7e`. The lines go where Django's own do
(stderr, through the redaction filter of arena/logs.py), so the server's log holds them.

What a line may hold: staff user ids and user names, an arena's slug, the name of a limit, and
`client`, a keyed hash of the address (counted as the limits count it, arena/limits.py), never
the address itself. Never a password, a code, a token, a join code, an e-mail address or a
participant's name: a limit's key (which may be a follow-up token) is hashed like the address,
and a typed user name that looks like an e-mail address is hashed too. Values are quoted when
they hold a space, a quote or a line break, so a typed name cannot forge a line.

Writing a line asks the database nothing: callers pass what they have already loaded.
"""

import json
import logging
import re

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils.crypto import salted_hmac

logger = logging.getLogger("tiltaksarena.security")

_PLAIN = re.compile(r"[\w.:@|/+-]{1,150}")


def digest(value):
    """A short keyed hash of `value`: the same value gives the same hash (lines can be tied
    together), but the value cannot be read back."""
    return salted_hmac("arena.security_log", str(value)).hexdigest()[:12]


def client(request):
    from arena.limits import client_ip  # arena.limits imports this module

    return digest(client_ip(request))


def _quoted(value):
    text = str(value)
    return text if _PLAIN.fullmatch(text) else json.dumps(text[:150])


def event(name, request=None, **fields):
    """Writes one line: `name`, the fields in order, and the hashed client address."""
    if request is not None:
        fields["client"] = client(request)
    pairs = " ".join(
        f"{key}={_quoted(value)}" for key, value in fields.items() if value is not None
    )
    logger.info("%s %s", name, pairs)


def typed_username(username):
    """A typed user name as it may be logged: an e-mail address (a mistaken field, someone's
    private address) only as its hash."""
    username = (username or "").strip()
    return (
        {"username_hash": digest(username.casefold())}
        if "@" in username
        else {"username": username}
    )


def user_fields(user):
    return {"user_id": user.pk, "username": user.get_username()} if user else {}


def device_event(name, request, device):
    """A second factor added or removed: whose (the signed-in user), which kind, which row."""
    from arena.twofa import device_kind  # arena.twofa imports this module

    kind = device_kind(device)
    event(name, request, kind=kind, device_id=device.pk, **user_fields(request.user))


@receiver(user_logged_in, dispatch_uid="security_log_logged_in")
def _logged_in(sender, request, user, **kwargs):
    event("login_succeeded", request, **user_fields(user))


@receiver(user_login_failed, dispatch_uid="security_log_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; only the user name is read.
    event("login_failed", request, **typed_username(credentials.get("username")))


@receiver(user_logged_out, dispatch_uid="security_log_logged_out")
def _logged_out(sender, request, user, **kwargs):
    event("logout", request, **user_fields(user))
