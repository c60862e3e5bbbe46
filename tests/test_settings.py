"""Production refuses to start half-configured; development and tests start as they are."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECK = [sys.executable, "manage.py", "check"]


def run_check(**env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ENV", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    return subprocess.run(CHECK, cwd=ROOT, env={**base, **env}, capture_output=True, text=True)


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": "arena.example.org"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_secret_key_and_hosts(env, missing):
    result = run_check(**env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_starts_when_configured():
    result = run_check(SECRET_KEY="x" * 50, ALLOWED_HOSTS="arena.example.org")
    assert result.returncode == 0, result.stderr


def test_development_starts_with_nothing_set():
    assert run_check(DJANGO_ENV="development").returncode == 0


def test_unknown_environment_is_refused():
    result = run_check(DJANGO_ENV="staging")
    assert result.returncode != 0
    assert "DJANGO_ENV" in result.stderr


def test_norwegian_defaults(settings):
    assert settings.LANGUAGE_CODE == "nb"
    assert [code for code, _ in settings.LANGUAGES] == ["nb", "nn", "en"]
    assert settings.TIME_ZONE == "Europe/Oslo"
    assert settings.DEBUG is False
