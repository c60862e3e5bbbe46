"""What several staff views of the arena app share."""

from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext as _

from arena import tombstones


def is_write(request):
    return request.method == "POST"


def row_or_gone(request, arena, rows, pk, *, gone=None):
    """The arena's row `pk` of `rows`; None when it was deleted a moment ago (a double tap
    on «Slett», a colleague just before), and the next page says so; else 404 (another
    arena's row, or none), as `get_object_or_404` would."""
    row = rows.filter(pk=pk).first()
    if row is not None:
        return row
    name = tombstones.noted(tombstones.arena_scope(arena), rows.model, pk)
    if name is None:
        raise Http404
    messages.info(request, (gone or _("«%(name)s» er allerede slettet.")) % {"name": name})
    return None
