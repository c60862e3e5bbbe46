"""Tiltaksarena's one settings module, configured by environment variables.

DJANGO_ENV chooses the defaults and is "production" unless told otherwise, so a server that
forgets its configuration refuses to start instead of running as a development box:

- production  — DEBUG off; SECRET_KEY and ALLOWED_HOSTS are required; HTTPS-only cookies,
                HSTS and redirects; hashed static files.
- development — what `make run` uses: DEBUG on, a throwaway key, localhost only.
- test        — what the test suite uses (tests/testenv.py): DEBUG off, plain HTTP, a
                throwaway key.

DATABASE_URL selects the database (postgres://user:pass@host/name); without it an embedded
SQLite file under var/ is used. REDIS_URL (optional) selects Redis as the shared cache.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from arena.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or list(default)


DJANGO_ENV = os.environ.get("DJANGO_ENV", "production")
if DJANGO_ENV not in {"production", "development", "test"}:
    raise ImproperlyConfigured("DJANGO_ENV must be production, development or test.")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DJANGO_DEBUG", DJANGO_ENV == "development")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "Set SECRET_KEY: production refuses to start without it. "
            "For work on your own machine, set DJANGO_ENV=development."
        )
    SECRET_KEY = f"insecure-{DJANGO_ENV}-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "Set ALLOWED_HOSTS: production refuses to start without it. "
            "For work on your own machine, set DJANGO_ENV=development."
        )
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "simple_history",
    "csp",
    # Issue 10: the job queue (mail outside the request), decision 28.
    "django_tasks",
    "django_tasks_db",
    "django_ratelimit",
    # Issue 10 item 2: staff two-factor sign-in with TOTP (arena/twofa.py, decision 46).
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Passkeys (WebAuthn) as a second factor beside TOTP (arena/passkeys.py, decision 54).
    "django_otp_webauthn",
    "arena",
    "participants",
    "measures",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # guard: a NUL byte or a foreign charset gets a 400 before anything reads the request.
    "arena.middleware.CleanRequestMiddleware",
    # The changes feed (a poll per open editor per second) is answered here, without the rest.
    "measures.middleware.FeedMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML only (WhiteNoise answers static files above, compressed ahead of time). Django's
    # GZipMiddleware pads each response with random bytes against BREACH (Django ≥ 4.2), and
    # CSRF tokens are masked per response.
    "django.middleware.gzip.GZipMiddleware",
    # guard: no-store on every rendered page and download (personal data, CSRF tokens).
    "arena.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "arena.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "arena.middleware.PrintableInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # guard: idle and absolute timeout of staff sessions; a refused request's page as a 429.
    "arena.middleware.StaffSessionMiddleware",
    # twofa: `user.is_verified()`, and with STAFF_REQUIRE_2FA the one check of it.
    "django_otp.middleware.OTPMiddleware",
    "arena.twofa.TwoFactorMiddleware",
    "arena.limits.LimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "arena.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "arena.wsgi.application"

# var/ holds what the app writes locally: the SQLite file and collected static files.
(BASE_DIR / "var" / "static").mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'tiltaksarena.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if SQLITE:
    # Immediate transactions take the write lock at BEGIN, so two concurrent autosaves queue
    # (up to `timeout` seconds) instead of failing with "database is locked" on upgrade; WAL
    # lets readers go on while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }
    if DJANGO_ENV == "test":
        # A file, not Django's in-memory test database: that one shares one cache between the
        # live server's threads and locks whole tables ("database table is locked") without
        # waiting for the timeout, so two browser requests at once could fail.
        DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}
elif DJANGO_ENV == "test" and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The same backend, with a flush (after each live-server test) that deletes rows (decision 60).
    DATABASES["default"]["ENGINE"] = "tests.postgresql_test_backend"

# The shared cache carries the live editor's changes feed and presence (decision 15), so every
# worker and every app server must see the same one: Redis when REDIS_URL is set, else a table
# in PostgreSQL (`manage.py createcachetable`, run by the deploy steps and `make migrate`), else,
# for the embedded SQLite of `make run`, files under var/ that every local process shares.
# The table and the files cull when full; at Django's default of 300 entries a busy arena (one
# entry per change, kept 2 minutes) would cull on almost every write and lose the feed's entries.
_CULL = {"MAX_ENTRIES": 50_000, "CULL_FREQUENCY": 4}
REDIS_URL = os.environ.get("REDIS_URL", "")
# The editor's event stream (decisions 64, 67): only where nginx routes it to `arena.asgi`.
EDITOR_STREAM = os.environ.get("EDITOR_STREAM", "0") == "1"
# guard: the database cache's increment locks its row (arena/cache.py), so rate-limit counters
# hold when workers count at once; the rate limits use it on SQLite too (`make run`).
_DB_CACHE = {"BACKEND": "arena.cache.AtomicDatabaseCache", "LOCATION": "ta_cache", "OPTIONS": _CULL}
if REDIS_URL:
    _cache = {"BACKEND": "arena.cache.SharedRedisCache", "LOCATION": REDIS_URL}
elif not SQLITE:
    _cache = _DB_CACHE
else:
    _cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": BASE_DIR / "var" / f"cache-{DJANGO_ENV}",
        "OPTIONS": _CULL,
    }
if DJANGO_ENV == "test" and not REDIS_URL:
    # One process (the test thread, the live server's threads) shares memory; the pinned query
    # counts then count the page's own queries on SQLite and PostgreSQL alike.
    _cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": _CULL}
# guard: rate limits (arena/limits.py) count in `limits`: the shared cache, or the database
# table where the default cache is files (SQLite). The test suite keeps it in memory like the
# default, so pinned query counts stay the page's own; tests/arena/test_limits.py puts it back
# on the real database.
_limits_cache = _cache if REDIS_URL or not SQLITE else _DB_CACHE
if DJANGO_ENV == "test" and not REDIS_URL:
    _limits_cache = _cache
CACHES = {
    "default": {**_cache, "KEY_PREFIX": "ta", "TIMEOUT": 600},
    "limits": {**_limits_cache, "KEY_PREFIX": "ta", "TIMEOUT": 600},
}
RATELIMIT_USE_CACHE = "limits"
SILENCED_SYSTEM_CHECKS = [
    # django-ratelimit knows Django's Redis and database caches only from before Django had
    # the one or could lock the other's increment; both count atomically here (arena/cache.py).
    "django_ratelimit.W001",
    *(["django_ratelimit.E003"] if DJANGO_ENV == "test" else []),  # in-memory in the suite
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if DJANGO_ENV == "test":
    # Hashing stays real but fast; the suite creates many staff users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norsk bokmål")), ("nn", _("Norsk nynorsk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
WHITENOISE_USE_FINDERS = not PRODUCTION
# The test client builds the middleware anew for every `Client`, and WhiteNoise would then
# index every static file (40–150 ms per client, a third of the suite's time); in the suite it
# looks a file up when one is asked for instead.
WHITENOISE_AUTOREFRESH = DJANGO_ENV == "test"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The CSP forbids inline scripts and any origin but our own: every asset is served by the app.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# HTTPS hardening is on in production; plain HTTP is allowed in development and tests.
HTTPS = env_bool("DJANGO_HTTPS", PRODUCTION)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if PRODUCTION and not HTTPS and not BEHIND_PROXY:
    # guard: plain HTTP in production only where a proxy in front says it does HTTPS.
    raise ImproperlyConfigured(
        "DJANGO_HTTPS=0 is refused in production unless DJANGO_BEHIND_PROXY=1 "
        "(a proxy in front terminates HTTPS)."
    )
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14  # a participant comes back on day two
# With Redis the session is read from it and written through to the table (decision 61): every
# page and poll reads the session, few write it. Logout deletes both copies; nothing deletes
# session rows behind the engine's back. Without Redis a cache read would be a query as well.
# The suite pins its query counts with the table's engine, with or without Redis
# (tests/test_sessions_cached.py runs this engine on purpose).
if REDIS_URL and DJANGO_ENV != "test":
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# guard: a staff session ends after 30 idle minutes (a warning comes 2 minutes before) and at
# the latest 12 hours after signing in (arena/middleware.py, StaffSessionMiddleware).
STAFF_IDLE_SECONDS = int(os.environ.get("STAFF_IDLE_SECONDS", 30 * 60))
STAFF_IDLE_WARNING_SECONDS = 120
STAFF_SESSION_SECONDS = 12 * 60 * 60
# A staff member's role per arena is kept in the shared cache this long (arena/access.py,
# decision 61): the board and the wall ask for it on every poll. A change of the membership
# drops it at once and again at its commit; this bounds the one race left (a reader that read
# the old role just before the commit and stored it just after). The suite pins its query
# counts without it (cold requests); the tests of the cache turn it on.
STAFF_ROLE_CACHE_SECONDS = 0 if DJANGO_ENV == "test" else 60
# --- twofa: two-factor sign-in (arena/twofa.py, decision 46) --------------------------------
# On, every staff user must set up an authenticator app before any staff page opens. Off by
# default so that `make run` and a first install work; a county turns it on in production.
STAFF_REQUIRE_2FA = env_bool("STAFF_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "Tiltaksarena"
# Decision 50: django-otp's growing back-off counts per device, whatever the address, so anyone
# who has the password could hold the real user's code step for hours; the shared limits
# (per user and address, a ceiling per user) do the throttling instead (arena/twofa.py).
OTP_TOTP_THROTTLE_FACTOR = 0
# Passkeys (decision 54). A passkey belongs to one relying party ID, the site's domain: changing
# it later makes every registered passkey useless. Production takes WEBAUTHN_RP_ID, else the
# first of ALLOWED_HOSTS; the accepted origins are WEBAUTHN_ORIGINS, else https:// + each
# host of ALLOWED_HOSTS. Development and tests use localhost, whatever the port
# (arena/passkeys.py adds the request's own origin there, since the test server's port varies).
_WEBAUTHN_HOSTS = [h for h in ALLOWED_HOSTS if h != "*" and not h.startswith(".")]
OTP_WEBAUTHN_RP_ID = os.environ.get(
    "WEBAUTHN_RP_ID", _WEBAUTHN_HOSTS[0] if PRODUCTION and _WEBAUTHN_HOSTS else "localhost"
)
OTP_WEBAUTHN_RP_NAME = "Tiltaksarena"
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list(
    "WEBAUTHN_ORIGINS",
    [f"https://{h}" for h in _WEBAUTHN_HOSTS] if PRODUCTION else ["http://localhost:8000"],
)
WEBAUTHN_LOCAL_ORIGINS = not PRODUCTION
OTP_WEBAUTHN_HELPER_CLASS = "arena.passkeys.Helper"
# Only as a second factor, after the password: no sign-in with a passkey alone.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Tiltaksarena <noreply@localhost>")

# --- Issue 10: mail goes through a job queue (decision 28) ---------------------------------
# An SMTP server that accepts and never answers must not hold a worker for ever.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# Production and the tests queue tasks in the database (`manage.py db_worker` runs them; the
# tests run them explicitly); `make run` runs them at once in the request, with the console
# mail backend, so a newcomer needs no second process. TASKS_BACKEND overrides either.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if DJANGO_ENV == "development"
            else "django_tasks_db.DatabaseBackend",
        ),
    }
}
# --- Issue 11 item 7: big exports are built in the queue, not the request (decision 47) ------
# A DOCX or PDF of more measures than this is a background job (the PDF of ~250 measures
# outlasted gunicorn's 30 s worker timeout under WeasyPrint); its file is kept this many hours.
EXPORT_BACKGROUND_MEASURES = int(os.environ.get("EXPORT_BACKGROUND_MEASURES", "150"))
EXPORT_JOB_KEEP_HOURS = int(os.environ.get("EXPORT_JOB_KEEP_HOURS", "24"))
# Decisions 51, 59: `purge_expired` deletes ExportLog entries this many months after the export
# and outbox rows this many days after sent or given up (unsent stay); /personvern/ says both.
EXPORT_LOG_MONTHS = int(os.environ.get("EXPORT_LOG_MONTHS", "24"))
OUTBOX_KEEP_DAYS = int(os.environ.get("OUTBOX_KEEP_DAYS", "30"))
# Decision 59: who answers on /personvern/; no made-up address (empty: ask the organiser).
PRIVACY_CONTROLLER = os.environ.get("PRIVACY_CONTROLLER", "Buskerud fylkeskommune")
PRIVACY_CONTACT_EMAIL = os.environ.get("PRIVACY_CONTACT_EMAIL", "")
PRIVACY_DPO_EMAIL = os.environ.get("PRIVACY_DPO_EMAIL", "")
# ---------------------------------------------------------------------------------------------

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
# guard: personal links, follow-up links, reset links and join codes are [skjult] in every line
# (arena/logs.py; gunicorn's access log: gunicorn.conf.py); security events: decision 58.
LOGGING = logging_config(LOG_LEVEL)
