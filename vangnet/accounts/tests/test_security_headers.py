"""Headers, cookies and the production settings, checked on real responses."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from vangnet.accounts.models import User
from vangnet.conftest import PASSWORD, log_in

pytestmark = pytest.mark.django_db

# The production environment as docs/operations.md describes it.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "vangnet.config.settings.base",
    "VANGNET_SECRET_KEY": "k3y-for-the-deploy-check-only-" + "x7Qz" * 12,
    "VANGNET_HTTPS": "1",
    "VANGNET_ALLOWED_HOSTS": "vangnet.example.nl",
    "VANGNET_CSRF_TRUSTED_ORIGINS": "https://vangnet.example.nl",
    "VANGNET_SITE_URL": "https://vangnet.example.nl",
    "DATABASE_URL": "postgres://vangnet:secret@db.example.nl:5432/vangnet",
    "VANGNET_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "VANGNET_EMAIL_HOST": "smtp.example.nl",
    "VANGNET_EMAIL_PORT": "587",
    "VANGNET_EMAIL_TLS": "1",
    "VANGNET_FROM_EMAIL": "vangnet@example.nl",
    "VANGNET_AUDIT_KEY": "k3y-for-the-access-log-deploy-check-" + "a1B2" * 8,
}


def _run(tmp_path: Path, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("VANGNET_", "DJANGO_", "DATABASE_URL"))
    }
    env |= PRODUCTION_ENV | {
        "VANGNET_DATA_DIR": str(tmp_path / "data"),
        "VANGNET_STATIC_ROOT": str(tmp_path / "static"),
    }
    env |= extra_env
    return subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "-m", "vangnet.cli", *args],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_deploy_check_passes_with_the_documented_settings(tmp_path: Path) -> None:
    result = _run(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


def test_https_settings_secure_the_cookies(tmp_path: Path) -> None:
    names = [
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "SESSION_COOKIE_NAME",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_PROXY_SSL_HEADER",
    ]
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = _run(tmp_path, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def test_a_page_carries_the_security_headers(client: Client) -> None:
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "form-action 'self'",
        "base-uri 'self'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_login_cookies_are_http_only_and_same_site(client: Client, bob: User) -> None:
    page = client.get(reverse("accounts:login"))
    csrf = page.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(reverse("accounts:login"), {"username": bob.email, "password": PASSWORD})
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["samesite"] == "Lax"
    assert int(session["max-age"]) == 15 * 60


def test_pages_for_a_logged_in_user_are_not_cached(client: Client, bob: User) -> None:
    log_in(client, bob)
    response = client.get(reverse("accounts:account"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_setup_page_keeps_to_the_content_security_policy(client: Client, bob: User) -> None:
    client.post(reverse("accounts:login"), {"username": bob.email, "password": PASSWORD})
    page = client.get(reverse("accounts:setup")).content.decode()
    assert 'src="data:image/svg+xml' in page
    assert "<script>" not in page and "style=" not in page
