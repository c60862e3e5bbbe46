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


def test_production_refuses_plain_http_unless_behind_a_proxy():
    configured = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "arena.example.org"}
    refused = run_check(**configured, DJANGO_HTTPS="0")
    assert refused.returncode != 0
    assert "DJANGO_BEHIND_PROXY" in refused.stderr
    assert run_check(**configured, DJANGO_HTTPS="0", DJANGO_BEHIND_PROXY="1").returncode == 0


def test_deploy_checks_are_clean_with_production_settings():
    """What CI runs: a deployment's settings raise no warning (the test run's own variables,
    such as DJANGO_ALLOW_ASYNC_UNSAFE, are left out as a server would not have them)."""
    secret = "deploy-check-" + "".join(chr(65 + i % 26) + str(i) for i in range(30))
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env = {**base, "DJANGO_ENV": "production", "SECRET_KEY": secret, "ALLOWED_HOSTS": "a.example"}
    command = [*CHECK, "--deploy", "--fail-level", "WARNING"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
