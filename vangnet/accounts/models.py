from typing import Any, ClassVar

from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    Group,
    PermissionsMixin,
)
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The groups that carry a professional's rights in Vangnet."""

    COORDINATOR = "coordinator", _("Network coordinator")
    PROFESSIONAL = "professional", _("Professional")
    READ_ONLY = "read-only", _("Read only")

    def group(self) -> "Group":
        """The group for this role, made again where a wiped database lost it."""
        return Group.objects.get_or_create(name=self.value)[0]


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A professional's account: email and password, roles as groups."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ("full_name",)

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def has_role(self, role: Role) -> bool:
        if self.is_superuser:
            return True
        return role.value in self.role_names

    @cached_property
    def role_names(self) -> frozenset[str]:
        """The names of this account's groups, read once per loaded account (one request)."""
        return frozenset(self.groups.values_list("name", flat=True))

    @property
    def is_coordinator(self) -> bool:
        return self.has_role(Role.COORDINATOR)

    @property
    def can_edit(self) -> bool:
        return self.has_role(Role.COORDINATOR) or self.has_role(Role.PROFESSIONAL)


class AccountEventKind(models.TextChoices):
    """What happened to an account: shown to its owner under "My account"."""

    LOGIN = "login", _("Logged in")
    LOGIN_WITH_RECOVERY_CODE = "login_recovery", _("Logged in with a recovery code")
    PASSWORD_FAILED = "password_failed", _("Wrong password entered")
    CODE_FAILED = "code_failed", _("Wrong code entered")
    AUTHENTICATOR_SET_UP = "authenticator_set_up", _("Authenticator app set up")
    RECOVERY_CODES_CREATED = "recovery_codes_created", _("New recovery codes made")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET = "password_reset", _("Password reset by email")
    SECOND_FACTOR_REMOVED = "second_factor_removed", _("Second step removed by an administrator")


class AccountEventQuerySet(models.QuerySet["AccountEvent"]):
    def logins(self) -> "AccountEventQuerySet":
        return self.filter(
            kind__in=[AccountEventKind.LOGIN, AccountEventKind.LOGIN_WITH_RECOVERY_CODE]
        )


class AccountEvent(models.Model):
    """A login or a change to how someone logs in, with where it came from."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="account_events"
    )
    kind = models.CharField(_("what happened"), max_length=32, choices=AccountEventKind.choices)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    objects = AccountEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("account event")
        verbose_name_plural = _("account events")
        ordering = ("-occurred_at", "-pk")
        indexes = [models.Index(fields=["user", "-occurred_at"], name="account_event_user_time")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.occurred_at:%Y-%m-%d %H:%M}"

    def browser_label(self) -> str:
        """A short, readable name for the browser and system, such as "Firefox, Windows"."""
        return describe_user_agent(self.user_agent)


# Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"))
_SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def describe_user_agent(user_agent: str) -> str:
    browser = next((name for marker, name in _BROWSERS if marker in user_agent), "")
    if not browser and "Safari/" in user_agent:
        browser = "Safari"
    system = next((name for marker, name in _SYSTEMS if marker in user_agent), "")
    return ", ".join(part for part in (browser, system) if part) or user_agent[:60]
