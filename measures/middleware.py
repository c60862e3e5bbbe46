"""The changes feed's fast path (decision 15): an unchanged poll is answered 304 before the rest
of the middleware stack, the URL resolver and the view run.

Every open editor polls `…/tiltak/<pk>/endringer/?since=<rev>&t=<token>` about once a second, and
nearly every poll finds nothing new. Sessions, language, CSRF, messages, CSP and the view cost
more than the answer itself, so this middleware (placed right after SecurityMiddleware, which
keeps its HTTPS redirect and headers) checks a poll with an ETag in one cache read
(`editor_feed.feed_unchanged`: signed token, revoked tokens, rev hint, presence) and answers
304 with the same ETag the view would send. Anything else, a presence heartbeat (`felt`), a
change, a bad, expired or revoked token, falls through to `measure_changes`, which decides.
"""

import re

from django.http import HttpResponseNotModified

from measures.editor_feed import feed_unchanged

# measures/urls.py: HOME + "tiltak/<int:pk>/endringer/" (tests/measures/test_feed_fast_path.py
# checks that the two agree).
FEED_PATH = re.compile(r"/a/[-a-zA-Z0-9_]+/hjem/tiltak/([0-9]+)/endringer/")


class FeedNotModifiedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = FEED_PATH.fullmatch(request.path_info)
        if match and request.method == "GET" and "HTTP_IF_NONE_MATCH" in request.META:
            etag, query = request.META["HTTP_IF_NONE_MATCH"], request.GET
            since, token = query.get("since", ""), query.get("t", "")
            if "felt" not in query and since.isdigit() and token:
                pk = int(match[1])
                if feed_unchanged(measure_pk=pk, since=int(since), token=token, etag=etag):
                    return HttpResponseNotModified(
                        headers={"ETag": etag, "Cache-Control": "private, no-cache"}
                    )
        return self.get_response(request)
