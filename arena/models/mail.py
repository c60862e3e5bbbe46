"""The mail outbox the job queue sends from (decision 28)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from arena.models import Arena


class OutgoingMail(models.Model):
    """One e-mail to one recipient: the outbox the job queue sends from (decision 28).

    `key` names what the mail is for ("this participant's link"), so asking twice queues one
    mail, and `sent_at` is set once it is handed to the SMTP server, so a retry never sends it
    again. The body (it holds a personal link) is blanked once sent or given up."""

    arena = models.ForeignKey(
        Arena, on_delete=models.CASCADE, null=True, related_name="outgoing_mails"
    )
    key = models.CharField(max_length=200, unique=True)
    recipient = models.EmailField()
    subject = models.CharField(max_length=250)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Set by the worker that is sending it; a claim older than a few minutes is a dead worker's.
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    given_up_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("utgående e-post")
        verbose_name_plural = _("utgående e-poster")

    def __str__(self):
        return f"{self.key} → {self.recipient}"
