from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArenaConfig(AppConfig):
    name = "arena"
    verbose_name = _("Arena")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from arena import access, security_log  # noqa: F401 (they connect their receivers)
        from arena.middleware import staff_session_start

        # Django's own hook for "a session was just signed in", whichever view did it.
        user_logged_in.connect(
            lambda sender, request=None, **kwargs: request and staff_session_start(request),
            dispatch_uid="arena.staff_session_start",
            weak=False,
        )
