"""What several staff views of the arena app share."""

from django.contrib import messages
from django.db import IntegrityError
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


def saved(form, save):
    """`save()`; False when a unique constraint refused it after the form had passed: the same
    form sent twice at once (a double tap on «Lagre») or two facilitators naming a row alike.
    The form is then checked again and says what it would have said a moment later (e.g.
    "Et bord med dette navnet finnes allerede."), instead of a 500."""
    try:
        save()
    except IntegrityError:
        form.full_clean()
        if form.is_valid():  # a constraint the form does not check itself
            form.add_error(None, _("Noen lagret det samme akkurat nå. Se over og lagre igjen."))
        return False
    return True
