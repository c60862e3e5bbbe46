"""Public pages and Django's auth pages."""

from tests.permission_cases import Case, everyone, staff

# Any logged-in staff user may change their own password; there is no arena involved, so the
# facilitator of another arena is as welcome as any other.
OWN_ACCOUNT = {**staff(200), "facilitator_other_arena": 200}
# Django's "done" pages take only GET; the one behind login sends who has no account there first.
OWN_ACCOUNT_GET_ONLY = {**staff(405), "facilitator_other_arena": 405}

CASES = [
    Case("health", everyone(200)),
    Case("ready", everyone(200)),
    Case("accessibility", everyone(200)),
    Case("arena:start", everyone(200)),
    Case("login", everyone(200)),
    Case("logout", everyone(302), method="post"),
    Case("password_change", OWN_ACCOUNT),
    Case("password_change_done", OWN_ACCOUNT),
    Case("password_reset", everyone(200)),
    Case("password_reset_done", everyone(200)),
    Case(
        "password_reset_confirm",
        everyone(200),
        kwargs=lambda world: {"uidb64": "MQ", "token": "ugyldig-lenke"},
    ),
    Case("password_reset_complete", everyone(200)),
    Case(
        "set_language",
        everyone(302),
        method="post",
        data=lambda world: {"language": "nn", "next": "/"},
    ),
    # POST on the pages above that have only a GET case.
    Case("health", everyone(200), method="post"),
    Case("ready", everyone(200), method="post"),
    Case("accessibility", everyone(200), method="post"),
    Case("arena:start", everyone(200), method="post"),
    Case("login", everyone(200), method="post"),
    Case("password_change", OWN_ACCOUNT, method="post"),
    Case("password_change_done", OWN_ACCOUNT_GET_ONLY, method="post"),
    Case("password_reset", everyone(200), method="post"),
    Case("password_reset_done", everyone(405), method="post"),
    Case(
        "password_reset_confirm",
        everyone(200),
        method="post",
        kwargs=lambda world: {"uidb64": "MQ", "token": "ugyldig-lenke"},
    ),
    Case("password_reset_complete", everyone(405), method="post"),
    # The idle warning's "Fortsett" (POST only): any signed-in person, about no arena.
    Case("session-keepalive", {**staff(405), "facilitator_other_arena": 405}),
    Case("session-keepalive", {**staff(204), "facilitator_other_arena": 204}, method="post"),
]
