"""Staff users' roles in an arena (participants have no account and no membership)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from arena.models import Arena


class ArenaMembership(models.Model):
    """A staff user's role in one arena. Participants have no account and no membership."""

    class Role(models.TextChoices):
        FACILITATOR = "facilitator", _("Fasilitator")
        PROJECT_LEAD = "project_lead", _("Prosjektleder")

    arena = models.ForeignKey(
        Arena, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("arena")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="arena_memberships",
        verbose_name=_("bruker"),
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("lagt til"), auto_now_add=True)

    class Meta:
        ordering = ["arena", "role", "user__username"]
        verbose_name = _("medlemskap i arena")
        verbose_name_plural = _("medlemskap i arenaer")
        constraints = [
            models.UniqueConstraint(fields=["arena", "user"], name="one_membership_per_user_arena")
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.arena}"
