"""The arena's header and tabs on every staff page, rendered once per process for what it
shows (decision 61).

`arena/_arena_header.html` reverses thirteen addresses and translates as many labels on every
staff page; what it shows depends only on the arena's address, title, status and join code,
the page's path and the language. So the HTML is kept in this process under exactly those
values: a changed title or code is a new key, never a stale header, and no worker needs to
agree with another. The map is emptied when it grows past `_LIMIT` entries.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

register = template.Library()

_LIMIT = 2048
_rendered = {}


@register.simple_tag(takes_context=True)
def arena_header(context):
    arena, request = context["arena"], context["request"]
    key = (arena.pk, arena.slug, arena.title, arena.status, arena.join_code)
    key += (request.path, get_language())
    html = _rendered.get(key)
    if html is None:
        html = render_to_string("arena/_arena_header.html", {"arena": arena, "request": request})
        if len(_rendered) >= _LIMIT:
            _rendered.clear()
        _rendered[key] = html
    return html
