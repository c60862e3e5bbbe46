"""The staff forms' one-time tokens that were acted on (`arena.once`, decision 66)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HandledOp(models.Model):
    """One form sent by one staff user and acted on: the form's `op` (a UUID rendered with it)
    and where its answer went. Written in the same transaction as the action itself, so it
    exists exactly when the action happened; the unique constraint makes a second request
    with the same op wait for the first and then find this row. Kept a day (`once.KEEP`)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    op = models.UUIDField()
    answer = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "op"], name="handled_op_once_per_user")
        ]
        verbose_name = _("utført handling")
        verbose_name_plural = _("utførte handlinger")

    def __str__(self):
        return f"{self.op} ({self.user_id})"
