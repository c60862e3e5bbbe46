"""Rate limits that fit a conference, counted in the shared cache (decision 24).

300 people in one hall share one public IP address, so what a browser may do is limited per
browser, and what an address may do only more generously; joining with the right code is never
limited at all. Every limit is a fixed window of django-ratelimit (`N/m` is N per minute,
counted in the cache alias `limits`: Redis, or the database table, shared by every worker).

A view asks in one of two ways:
- `attempt(request, action, who=…)` counts this request and answers the seconds to wait when
  it is one too many (floods: comments, measures, rows, organisations, commitments, dots,
  follow-up reports);
- `wait(request, action, …)` only looks, and `failed(request, action, …)` counts a failure
  (guessing: wrong join codes, wrong passwords), so that right answers cost nothing.
Refused, the view calls `refuse(request, seconds)` and renders its page as usual, the form
bound to what the person typed; `LimitMiddleware` turns that answer into a 429 with
`Retry-After`, and the page shows a message saying when to try again. Where there is no form
(a fragment, a link), `too_many(request, seconds)` renders the 429 page.
"""

import hashlib
import ipaddress
from dataclasses import dataclass
from datetime import timedelta

import django_ratelimit.core
from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

from arena import security_log


@dataclass(frozen=True)
class Limit:
    per: str  # "browser", "ip" or "who" (a value the view passes: a participant, a token)
    rate: str  # django-ratelimit's notation: "10/m", "600/h", "10/15m"


LIMITS = {
    # Guessing a join code: 31⁴ codes share the arena's prefix.
    "join-code": (Limit("browser", "10/m"), Limit("ip", "60/m"), Limit("ip", "600/h")),
    # Staff passwords, per user name and address, or per user name and trusted browser
    # (arena/login.py): an attacker's failures never lock out the browser the facilitator has
    # signed in with before. `login-ip` catches one address trying many user names.
    "login": (Limit("who", "10/15m"),),
    "login-ip": (Limit("ip", "50/15m"),),
    # The second step's six digits (arena/twofa.py), like the password: 10 wrong in 15 minutes
    # per user and address (or trusted browser), so one who has the password cannot hold the
    # real user's code step from elsewhere; `otp-user` caps one user's untrusted browsers
    # over all addresses, against guessing spread over many.
    "otp": (Limit("who", "10/15m"),),
    "otp-user": (Limit("who", "50/15m"),),
    # Floods by someone who has joined.
    "comment": (Limit("who", "10/m"), Limit("who", "100/h")),
    "measure": (Limit("who", "10/h"),),
    "row": (Limit("who", "30/m"), Limit("who", "300/h")),
    "organisation": (Limit("browser", "3/h"), Limit("ip", "100/h")),
    # «Vi blir med» and its withdrawal, and dots placed or taken back, per participant: a
    # person commits to a few measures and moves a handful of dots; a script toggles for ever.
    "commitment": (Limit("who", "10/m"), Limit("who", "100/h")),
    "dot": (Limit("who", "60/m"), Limit("who", "600/h")),
    "followup-report": (Limit("who", "10/h"), Limit("ip", "60/h")),
    "password-reset": (Limit("ip", "5/h"),),
}


def client_ip(request):
    """The address the request came from: the last hop that our own proxy added to
    X-Forwarded-For when DJANGO_BEHIND_PROXY is set (an earlier hop is the client's to
    invent), else REMOTE_ADDR. IPv6 counts per /64, which one device gets to itself."""
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if getattr(settings, "BEHIND_PROXY", False) and forwarded:
        address = forwarded.rsplit(",", 1)[-1].strip()
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def browser_key(request):
    """This browser, if it has shown itself: its CSRF cookie (set by any page with a form,
    and kept when joining renews the session key), or else its session. A client that sends
    neither is limited by its address alone."""
    session = getattr(request, "session", None)
    return request.COOKIES.get(settings.CSRF_COOKIE_NAME) or (session and session.session_key)


def _value(request, limit, who):
    if limit.per == "ip":
        return client_ip(request)
    if limit.per == "browser":
        return browser_key(request)
    return None if who is None else str(who)


def _usages(request, action, who, *, count):
    for limit in LIMITS[action]:
        value = _value(request, limit, who)
        if value is None:
            continue
        usage = get_usage(
            request,
            group=f"{action}:{limit.per}",
            key=lambda _group, _request, value=value: value,
            rate=limit.rate,
            increment=count,
        )
        if usage is not None:
            yield {**usage, "per": limit.per, "rate": limit.rate, "value": value}


def _first_refusal(action, usage):
    """True for the first refusal of this limit's key in its window, in every worker: a flag
    in the limits' own cache, added atomically (`cache.add`) and kept as long as the window.
    The window is django-ratelimit's own (its end, offset per key), so the flag ends with it."""
    _limit, period = django_ratelimit.core._split_rate(usage["rate"])
    window = django_ratelimit.core._get_window(usage["value"], period)
    flag = f"{action}|{usage['per']}|{usage['rate']}|{window}|{usage['value']}"
    key = "refused:" + hashlib.sha256(flag.encode()).hexdigest()
    return caches[settings.RATELIMIT_USE_CACHE].add(key, True, usage["time_left"] + 1)


def _refused(request, action, usages):
    """The security log's line for a refusal (arena/security_log.py): which limit, and its key
    only as a hash (it may be a token or a user name with an address). Only the first refusal
    of a key in its window is logged, and the line says so: a flood of 2,000 wrong codes a
    minute is one line a minute, not 2,000. A failed cache read (`time_left` -1) can keep no
    flag either, so each of those refusals is logged."""
    for usage in usages:
        counted = usage["time_left"] >= 0
        if counted and not _first_refusal(action, usage):
            continue
        quiet = {"window_left": f"{usage['time_left']}s", "further_refusals": "not_logged"}
        security_log.event(
            "limit_refused",
            request,
            limit=action,
            per=usage["per"],
            rate=usage["rate"],
            key=security_log.digest(usage["value"]),
            **(quiet if counted else {"cache": "failed"}),
        )


def attempt(request, action, *, who=None):
    """Counts this request; the seconds to wait if it is one too many, else None."""
    over = [u for u in _usages(request, action, who, count=True) if u["should_limit"]]
    _refused(request, action, over)
    return _seconds(over)


def exceeded(request, action, *, who=None):
    """`attempt`, and if it is one too many, `refuse`: True when the view must not go on."""
    seconds = attempt(request, action, who=who)
    if seconds:
        refuse(request, seconds)
    return bool(seconds)


def wait(request, action, *, who=None):
    """Without counting: the seconds to wait if the failures have used the limit up."""
    used = [u for u in _usages(request, action, who, count=False) if u["count"] >= u["limit"]]
    _refused(request, action, used)
    return _seconds(used)


def failed(request, action, *, who=None):
    """Counts one failure (a wrong code, a wrong password)."""
    for _usage in _usages(request, action, who, count=True):
        pass


def _seconds(usages):
    if not usages:
        return None
    # A failed cache read reports -1: wait a minute rather than not at all.
    return max(max(u["time_left"], 1) if u["time_left"] >= 0 else 60 for u in usages)


def message(seconds, *, typed=True):
    """'Vent 40 sekunder og prøv igjen (klokka 18:03).', and (`typed`: the page shows again
    what the person typed) that their text is kept."""
    if seconds < 90:
        pause = ngettext("%(n)d sekund", "%(n)d sekunder", seconds) % {"n": seconds}
    else:
        minutes = -(-seconds // 60)
        pause = ngettext("%(n)d minutt", "%(n)d minutter", minutes) % {"n": minutes}
    at = timezone.localtime(timezone.now() + timedelta(seconds=seconds))
    text = _(
        "Du har prøvd mange ganger på kort tid. Vent %(pause)s og prøv igjen (klokka %(time)s)."
    ) % {"pause": pause, "time": time_format(at, "H:i")}
    return f"{text} {_('Det du skrev, er tatt vare på.')}" if typed else text


def refuse(request, seconds, *, tell=True, typed=True):
    """Marks the answer as a 429 and (`tell`) says on the page when to try again."""
    request.retry_after = seconds
    if tell:
        messages.error(request, message(seconds, typed=typed))


def too_many(request, seconds):
    """The 429 page, where there is no form to show again."""
    request.retry_after = seconds
    return render(request, "429.html", {"notice": message(seconds, typed=False)}, status=429)


class LimitMiddleware:
    """A page rendered for a refused request (`refuse`) answers 429 with `Retry-After`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        seconds = getattr(request, "retry_after", None)
        if seconds is not None:
            response.status_code = 429
            response["Retry-After"] = str(seconds)
        return response
