"""The county's IT can use the admin for every model."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

MODELS = [
    model
    for label in ("arena", "participants", "measures")
    for model in apps.get_app_config(label).get_models()
    if not model.__name__.startswith("Historical")
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_is_in_the_admin(model):
    assert admin.site.is_registered(model)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_lists_and_add_pages_open(client, admin_user, model):
    factories.FollowUpUpdateFactory()
    factories.CommentFactory()
    factories.VoteFactory()
    factories.CommitmentFactory()
    client.force_login(admin_user)
    meta = model._meta
    changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    listed = client.get(changelist, {"q": "a"})
    assert listed.status_code == 200
    add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
    # The outbox is the worker's (decision 28) and a handled op is its action's (decision 66):
    # listed, never added by hand.
    writable = admin.site.get_model_admin(model).has_add_permission(listed.wsgi_request)
    assert client.get(add).status_code == (200 if writable else 403)
    assert writable or model.__name__ in {"OutgoingMail", "HandledOp"}


def test_measure_admin_shows_actors_and_funding_inline(client, admin_user):
    actor = factories.MeasureActorFactory(organisation__name="NHO Buskerud")
    factories.FundingFactory(measure=actor.measure, organisation=None, source="Erasmus+")
    client.force_login(admin_user)
    url = reverse("admin:measures_measure_change", args=[actor.measure.pk])
    page = client.get(url).content.decode()
    assert "NHO Buskerud" in page
    assert "Erasmus+" in page


def test_participant_resume_token_is_not_shown_in_admin(client, admin_user):
    participant = factories.ParticipantFactory()
    client.force_login(admin_user)
    page = client.get(reverse("admin:participants_participant_change", args=[participant.pk]))
    assert participant.resume_token not in page.content.decode()
