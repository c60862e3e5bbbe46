"""The changes feed, answered right after SecurityMiddleware (decision 15).

Every open editor polls `…/tiltak/<pk>/endringer/?since=<rev>&t=<token>` about once a second.
The answer needs only the cache and the signed token in the address: no session, user, CSRF,
messages or CSP. Those middlewares and the URL resolver cost far more than the answer (3.4 ms
against 0.2 ms in-process), and at a table where two people type most polls do bring changes.
So this middleware (after SecurityMiddleware, which keeps its HTTPS redirect and headers)
answers every feed GET itself:
- an unchanged poll with an ETag in one cache read (`editor_feed.feed_unchanged`: signed token,
  revoked tokens, rev hint, presence): 304 with the ETag the view would send, no language;
- any other poll through the view function `measure_changes` itself, in the request's language
  (presence lines are translated), with the headers LanguageMiddleware would add.
A bad, expired or revoked token (the view's 404) falls through to the full stack, whose 404
page needs the context the skipped middlewares provide.
"""

import re

from django.http import Http404, HttpResponseNotModified
from django.utils import translation

from arena.middleware import language_headers, request_language
from measures.editor_feed import feed_unchanged
from measures.views.editor import measure_changes

# measures/urls.py: HOME + "tiltak/<int:pk>/endringer/" (tests/measures/test_feed_fast_path.py
# checks that the two agree).
FEED_PATH = re.compile(r"/a/([-a-zA-Z0-9_]+)/hjem/tiltak/([0-9]+)/endringer/")


class FeedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = FEED_PATH.fullmatch(request.path_info)
        if not match or request.method != "GET":
            return self.get_response(request)
        slug, pk = match[1], int(match[2])
        query = request.GET
        since, token = query.get("since", ""), query.get("t", "")
        etag = request.META.get("HTTP_IF_NONE_MATCH")
        quiet = etag and "felt" not in query and since.isdigit() and token
        if quiet and feed_unchanged(measure_pk=pk, since=int(since), token=token, etag=etag):
            return HttpResponseNotModified(
                headers={"ETag": etag, "Cache-Control": "private, no-cache"}
            )
        code = request_language(request)
        try:
            with translation.override(code):
                return language_headers(measure_changes(request, slug, pk), code)
        except Http404:
            return self.get_response(request)
