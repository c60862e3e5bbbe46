"""Loaded by pytest before Django (`-p tests.testenv` in pyproject.toml): the test environment.

DATABASE_URL, when set (CI sets it to PostgreSQL), is left alone.
"""

import os

os.environ.setdefault("DJANGO_ENV", "test")
# Playwright's sync API runs an event loop in the test thread; the ORM calls that browser
# tests make between page actions are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
