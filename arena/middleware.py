from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

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
