"""Personal data (decision 33): a participant downloads what the app holds about them; a
facilitator anonymises one participant at once (the Deltakere tab's "Anonymiser")."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from arena.access import participant_perms, staff_perms
from measures import privacy


@require_GET
def participant_data(request, slug):
    participant = participant_perms(request, slug).participant
    data = privacy.participant_data(participant)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n",
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mine-data.json"'
    return response


@login_required
def participant_anonymise(request, slug, pk):
    perms = staff_perms(request, slug, facilitator_only=True)
    participant = perms.arena.participants.select_related("organisation").filter(pk=pk).first()
    if participant is None:
        raise Http404
    if request.method == "POST":
        name = participant.display_name
        label = privacy.participant_anonymise(participant=participant)
        messages.success(
            request, _("%(name)s heter nå «%(label)s».") % {"name": name, "label": label}
        )
        return redirect("participants:participant-list", slug=perms.arena.slug)
    context = {"arena": perms.arena, "perms": perms, "participant": participant}
    return render(request, "measures/participant_anonymise.html", context)
