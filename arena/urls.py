"""The project's URL configuration: each app brings its own, under its own namespace."""

from django.contrib import admin
from django.urls import include, path

from arena.health import health, ready
from arena.views import account, passkeys, twofa
from arena.views.public import accessibility_statement, privacy

urlpatterns = [
    path("helse/", health, name="health"),
    path("klar/", ready, name="ready"),
    path("tilgjengelighet/", accessibility_statement, name="accessibility"),
    path("personvern/", privacy, name="privacy"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # guard: Django's sign-in and password reset, limited (arena/login.py, arena/limits.py).
    path("konto/login/", account.login, name="login"),
    path("konto/password_reset/", account.password_reset, name="password_reset"),
    path(
        "konto/reset/<uidb64>/<token>/",
        account.password_reset_confirm,
        name="password_reset_confirm",
    ),
    # twofa: the sign-in's second step and one's own authenticator app (arena/twofa.py).
    path("konto/login/kode/", twofa.verify, name="twofa-verify"),
    path("konto/tofaktor/", twofa.setup, name="twofa-setup"),
    path("konto/tofaktor/fjern/", twofa.remove, name="twofa-remove"),
    # Passkeys (arena/passkeys.py, decision 54): the WebAuthn ceremonies answer JSON.
    path(
        "konto/login/passnokkel/start/",
        passkeys.SignInBegin.as_view(),
        name="passkey-signin-begin",
    ),
    path(
        "konto/login/passnokkel/fullfor/",
        passkeys.SignInComplete.as_view(),
        name="passkey-signin-complete",
    ),
    path(
        "konto/tofaktor/passnokkel/start/",
        passkeys.RegisterBegin.as_view(),
        name="passkey-register-begin",
    ),
    path(
        "konto/tofaktor/passnokkel/fullfor/",
        passkeys.RegisterComplete.as_view(),
        name="passkey-register-complete",
    ),
    path("konto/tofaktor/passnokkel/<int:pk>/fjern/", passkeys.remove, name="passkey-remove"),
    path("konto/aktiv/", account.session_keepalive, name="session-keepalive"),
    path("konto/", include("django.contrib.auth.urls")),
    path("", include("arena.app_urls")),
    path("", include("participants.urls")),
    path("", include("measures.urls")),
]
