"""Settings read from the environment.

Unset ``DATABASE_URL`` means the embedded default: an SQLite file in the data
folder (``VANGNET_DATA_DIR``, default ``./data``). Every production setting is
documented in ``docs/operations.md``.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key(data_dir: Path) -> str:
    """The key from the environment, or one generated once and kept in the data folder."""
    from_env = os.environ.get("VANGNET_SECRET_KEY")
    if from_env:
        return from_env
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DATA_DIR = Path(os.environ.get("VANGNET_DATA_DIR", Path.cwd() / "data")).resolve()
DEBUG = env_bool("VANGNET_DEBUG")
SECRET_KEY = _secret_key(DATA_DIR)
ALLOWED_HOSTS = env_list("VANGNET_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("VANGNET_CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("VANGNET_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "vangnet.accounts",
    "vangnet.core",
    "vangnet.directory",
    "vangnet.audit",
    "vangnet.clients",
    "vangnet.consent",
    "vangnet.screening",
    "vangnet.casefinding",
    "vangnet.notifications",
    "vangnet.api",
    "vangnet.detection",
    "vangnet.referrals",
    "vangnet.care",
    "vangnet.rights",
    "vangnet.economics",
    "vangnet.guide",
    "vangnet.collaboration",
    "vangnet.monitoring",
    "vangnet.selfscan",
    "vangnet.workplace",
    # The Django admin, behind the two-step login.
    "vangnet.accounts.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "vangnet.accounts.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before the session is read and anything else looks at the input.
    "vangnet.core.middleware.RefuseUnstorableInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Dutch unless the language switch chose otherwise; the browser's language is ignored.
    "vangnet.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "vangnet.accounts.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "vangnet.accounts.middleware.TwoFactorMiddleware",
    # Last, so it sees a view's Http404 first.
    "vangnet.core.middleware.FriendlyNotFoundMiddleware",
]

ROOT_URLCONF = "vangnet.config.urls"
# A form sent without a valid security token gets the Dutch "form has expired" page.
CSRF_FAILURE_VIEW = "vangnet.core.errors.csrf_failure"
WSGI_APPLICATION = "vangnet.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vangnet.workplace.context_processors.site",
                "vangnet.notifications.context_processors.unread",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'vangnet.sqlite3'}",
        conn_max_age=int(os.environ.get("VANGNET_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if "DATABASE_URL" not in os.environ:
    # The embedded database lives in the data folder; make sure the folder exists.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "full_name")},
    },
    {
        "NAME": "vangnet.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workplace:home"
LOGOUT_REDIRECT_URL = "workplace:home"
# A link to choose a new password works for one hour.
PASSWORD_RESET_TIMEOUT = 3600
# Asking for the password again before a change to the login is remembered this long.
VANGNET_REAUTH_SECONDS = int(os.environ.get("VANGNET_REAUTH_SECONDS", "300"))
# Pages from other packages that are public by design (Vangnet's own use @public).
VANGNET_PUBLIC_VIEWS = ["set_language", "core:healthz", "core:favicon"]
# Demo only: show the current login code of demo accounts on the login page (needs DEBUG).
VANGNET_DEMO_OTP = env_bool("VANGNET_DEMO_OTP")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("VANGNET_STATIC_ROOT", DATA_DIR / "static"))
# A municipality's house style: a folder with vangnet/theme.css, found before Vangnet's own.
THEME_DIR = os.environ.get("VANGNET_THEME_DIR", "")
STATICFILES_DIRS = [Path(THEME_DIR)] if THEME_DIR else []
MEDIA_ROOT = DATA_DIR / "media"

DEFAULT_FROM_EMAIL = os.environ.get("VANGNET_FROM_EMAIL", "vangnet@localhost")
_EMAIL_BACKEND = os.environ.get(
    "VANGNET_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
MAILERS: dict[str, dict[str, object]] = {"default": {"BACKEND": _EMAIL_BACKEND}}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("VANGNET_EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("VANGNET_EMAIL_PORT", "25")),
        "username": os.environ.get("VANGNET_EMAIL_USER", ""),
        "password": os.environ.get("VANGNET_EMAIL_PASSWORD", ""),
        "use_tls": env_bool("VANGNET_EMAIL_TLS"),
    }

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Sessions: 15 minutes of inactivity ends a session; 12 hours is the absolute lifetime.
SESSION_COOKIE_AGE = int(os.environ.get("VANGNET_SESSION_IDLE_SECONDS", str(15 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("VANGNET_SESSION_ABSOLUTE_SECONDS", str(12 * 3600)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The CSRF token is read from the form field (vangnet.js), never from the cookie.
CSRF_COOKIE_HTTPONLY = True

HTTPS = env_bool("VANGNET_HTTPS")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# "__Host-" cookies are only accepted over HTTPS, for this host, for the whole site.
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

AXES_FAILURE_LIMIT = int(os.environ.get("VANGNET_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "vangnet.accounts.request_info.login_username"
AXES_CLIENT_IP_CALLABLE = "vangnet.accounts.request_info.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Logins are kept in the accounts app's own history (90 days); no second copy here.
AXES_DISABLE_ACCESS_LOG = True

OTP_TOTP_ISSUER = "Vangnet"

# The smallest count of people the figures show as it is; smaller ones show as "< N".
VANGNET_MONITORING_THRESHOLD = int(os.environ.get("VANGNET_MONITORING_THRESHOLD", "10"))

# How long a social-map entry stays current before its owner is asked to confirm it.
VANGNET_STALE_AFTER_DAYS = int(os.environ.get("VANGNET_STALE_AFTER_DAYS", "183"))
# Emergency access: how long it stays open, and how many attempts one professional has a day.
VANGNET_BREAK_GLASS_MINUTES = int(os.environ.get("VANGNET_BREAK_GLASS_MINUTES", "60"))
VANGNET_BREAK_GLASS_ATTEMPTS_PER_DAY = int(
    os.environ.get("VANGNET_BREAK_GLASS_ATTEMPTS_PER_DAY", "5")
)

# The access log's seal and its anchor outside the database (docs/privacy.md).
VANGNET_AUDIT_KEY = os.environ.get("VANGNET_AUDIT_KEY", "")
VANGNET_AUDIT_KEY_FILE = os.environ.get("VANGNET_AUDIT_KEY_FILE", str(DATA_DIR / "audit.key"))
VANGNET_AUDIT_OLD_KEYS = env_list("VANGNET_AUDIT_OLD_KEYS", "")
VANGNET_AUDIT_CHECKPOINT_DIR = os.environ.get(
    "VANGNET_AUDIT_CHECKPOINT_DIR", str(DATA_DIR / "audit-checkpoints")
)
VANGNET_AUDIT_CHECKPOINT_EMAIL = os.environ.get("VANGNET_AUDIT_CHECKPOINT_EMAIL", "")
VANGNET_AUDIT_RETENTION_YEARS = int(os.environ.get("VANGNET_AUDIT_RETENTION_YEARS", "5"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("VANGNET_LOG_LEVEL", "INFO")},
}
AXES_VERBOSE = False
