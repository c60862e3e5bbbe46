import codecs
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import BadRequest
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.defaults import bad_request

from arena.text import clean_text


class LanguageMiddleware:
    """Bokmål unless the person chose otherwise.

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is ignored: many phones in
    the room are set to English, yet the arena is held in Norwegian. The language form in the
    footer sets Django's language cookie, and that choice is kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = request_language(request)
        translation.activate(code)
        request.LANGUAGE_CODE = code
        return language_headers(self.get_response(request), code)


def request_language(request):
    """The language this request is answered in: the language cookie if it names one of ours,
    else bokmål."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    supported = {code for code, _name in settings.LANGUAGES}
    return code if code in supported else settings.LANGUAGE_CODE


def language_headers(response, code):
    patch_vary_headers(response, ["Cookie"])
    response.headers.setdefault("Content-Language", code)
    return response


class PrintableInputMiddleware:
    """Removes what XML cannot hold (`arena.text.clean_text`) from every submitted form value,
    in one place, before any form, service or autosave sees them, so that every export can
    always be written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in {
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        }:
            cleaned = request.POST.copy()
            for key, values in request.POST.lists():
                cleaned.setlist(key, [clean_text(v) for v in values])
            cleaned._mutable = False
            request.POST = cleaned
        return self.get_response(request)


# Encodings a browser sends our forms in (every page is UTF-8); anything else is refused
# rather than guessed at: Django would decode a UTF-16 body into nonsense that no view expects.
_BODY_CHARSETS = {"utf-8", "ascii"}
_FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def _has_nul(pairs):
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in pairs)


class CleanRequestMiddleware:
    """A request no browser sends — a NUL byte in the path, the query, a cookie or a form field's
    name, a body in another charset, a body that cannot be parsed — gets a 400 here, before
    any view, session lookup or query sees it. PostgreSQL cannot store or even compare a NUL,
    so without this such a request ended in a 500 wherever it first reached the database.
    (A NUL inside a form value is removed by PrintableInputMiddleware instead, keeping what the
    person typed.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._refused(request):
            # Answered here, not raised: Django would log a traceback for each probe.
            return bad_request(request, BadRequest())
        return self.get_response(request)

    def _refused(self, request):
        if "\x00" in request.path_info or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if _has_nul(request.GET.lists()) or any("\x00" in v for v in request.COOKIES.values()):
            return True
        if request.method not in {"POST", "PUT", "PATCH"}:
            return False
        charset = request.content_params.get("charset")
        if charset and _charset_name(charset) not in _BODY_CHARSETS:
            return True
        if request.content_type not in _FORM_TYPES:
            return False
        try:
            return any("\x00" in key for key in request.POST)
        except (MultiPartParserError, UnicodeDecodeError, ValueError):
            return True


def _charset_name(charset):
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every page the app renders, unless the view chose its own
    caching, and always on a download. Pages show names, e-mails and the personal link, and
    every form carries a CSRF token: none of it belongs in a browser's disk cache or a proxy's.
    Static files never get here (WhiteNoise answers them above, cached for a year), and the
    polled live fragments keep the `private, no-cache` they set for their ETags (decision 25)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        download = response.get("Content-Disposition", "").startswith("attachment")
        if download or "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response


_SEEN, _SINCE = "staff_seen", "staff_since"
# The idle clock is written at most once a minute, so a busy page costs no session write.
_TOUCH_SECONDS = 60


def staff_session_start(request):
    """At sign-in (Django's `user_logged_in`, also for the admin and in tests): the session's
    clocks start and its cookie lasts the staff lifetime, not a participant's 14 days."""
    now = int(time.time())
    request.session[_SEEN] = request.session[_SINCE] = now
    request.session.set_expiry(settings.STAFF_SESSION_SECONDS)


class StaffSessionMiddleware:
    """A signed-in person who has made no request for STAFF_IDLE_SECONDS, or who signed in
    more than STAFF_SESSION_SECONDS ago, is signed out: the request then goes on as anonymous
    (a staff page sends them to sign in) with a message saying why. Pages that poll (the board,
    the wall) keep the session alive while they are open; static/js/idle.js warns on the
    others before the time is up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request):
        now, session = int(time.time()), request.session
        seen, since = session.get(_SEEN), session.get(_SINCE)
        if seen is None or since is None or now - since > settings.STAFF_SESSION_SECONDS:
            expired = _("Du er logget ut. Logg inn på nytt for å fortsette.")
        elif now - seen > settings.STAFF_IDLE_SECONDS:
            minutes = settings.STAFF_IDLE_SECONDS // 60
            expired = _(
                "Du ble logget ut fordi du ikke hadde gjort noe på %(minutes)d minutter. "
                "Logg inn på nytt for å fortsette."
            ) % {"minutes": minutes}
        else:
            if now - seen >= _TOUCH_SECONDS:
                session[_SEEN] = now
            return
        logout(request)
        messages.info(request, expired)
