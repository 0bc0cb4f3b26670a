"""Logging in with two steps, and the "My account" pages."""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from vangnet.accounts import actions
from vangnet.accounts.actions import account_event_record
from vangnet.accounts.decorators import login_step, public
from vangnet.accounts.forms import (
    AccountPasswordResetForm,
    EmailAuthenticationForm,
    ReauthForm,
    SecondFactorForm,
    SetupForm,
)
from vangnet.accounts.http import AuthenticatedHttpRequest
from vangnet.accounts.middleware import mark_login_started
from vangnet.accounts.models import AccountEventKind, Role, User
from vangnet.accounts.reauth import (
    is_recently_reauthenticated,
    mark_reauthenticated,
    reauth_required,
    reauth_url,
)
from vangnet.accounts.twofactor import (
    confirmed_authenticator,
    format_recovery_code,
    grouped_secret,
    is_verified,
    pending_authenticator,
    qr_code_data_uri,
    recovery_codes_left,
)

NEW_RECOVERY_CODES_SESSION_KEY = "vangnet_new_recovery_codes"
RECENT_EVENTS_SHOWN = 10
# Fewer recovery codes than this left: suggest making new ones.
FEW_RECOVERY_CODES = 3


def _next_url(request: HttpRequest, default: str | None = None) -> str:
    """Where to go after this step: the ``next`` parameter if it stays on this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(default or settings.LOGIN_REDIRECT_URL)


def _step_url(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _complete_login(request: HttpRequest, device: Device) -> None:
    """Mark the session as past the second step, under a new session key."""
    otp_login(request, device)
    request.session.cycle_key()


class LoginView(auth_views.LoginView):
    """Step one: email address and password. Step two follows on its own page."""

    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        mark_login_started(self.request)
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        email = str(form.cleaned_data.get("username") or "")
        user = User.objects.filter(email=email, is_active=True).first() if email else None
        if user is not None:
            account_event_record(
                user=user, kind=AccountEventKind.PASSWORD_FAILED, request=self.request
            )
        return super().form_invalid(form)

    def get_success_url(self) -> str:
        user = self.request.user
        next_url = self.get_redirect_url() or resolve_url(settings.LOGIN_REDIRECT_URL)
        if is_verified(user):
            return next_url
        has_app = isinstance(user, User) and confirmed_authenticator(user) is not None
        return _step_url("accounts:verify" if has_app else "accounts:setup", next_url)


login_view = login_step(LoginView.as_view())
logout_view = login_step(auth_views.LogoutView.as_view())


def _demo_code(device: TOTPDevice) -> str | None:
    """The current code of a demo account, shown only with VANGNET_DEMO_OTP=1 in debug mode."""
    if not (settings.DEBUG and settings.VANGNET_DEMO_OTP):
        return None
    from vangnet.accounts.demo import DEMO_TOTP_KEY_HEX, demo_code_now

    return demo_code_now() if device.key == DEMO_TOTP_KEY_HEX else None


@login_step
@login_required
@never_cache
@sensitive_post_parameters("code")
def verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Step two: a code from the authenticator app, or a recovery code."""
    user = request.user
    next_url = _next_url(request)
    if is_verified(user):
        return redirect(next_url)
    device = confirmed_authenticator(user)
    if device is None:
        return redirect(_step_url("accounts:setup", next_url))
    form = SecondFactorForm(request.POST or None, user=user)
    if request.method == "POST":
        if form.is_valid() and form.check is not None and form.check.device is not None:
            _complete_login(request, form.check.device)
            if form.check.used_recovery_code:
                account_event_record(
                    user=user, kind=AccountEventKind.LOGIN_WITH_RECOVERY_CODE, request=request
                )
                _warn_about_recovery_codes(request, user)
            else:
                account_event_record(user=user, kind=AccountEventKind.LOGIN, request=request)
            return redirect(next_url)
        account_event_record(user=user, kind=AccountEventKind.CODE_FAILED, request=request)
    return render(
        request,
        "accounts/verify.html",
        {"form": form, "next": next_url, "demo_code": _demo_code(device)},
    )


def _warn_about_recovery_codes(request: HttpRequest, user: User) -> None:
    left = recovery_codes_left(user)
    text = ngettext(
        "You used a recovery code. It no longer works. You have %(count)d code left.",
        "You used a recovery code. It no longer works. You have %(count)d codes left.",
        left,
    ) % {"count": left}
    if left < FEW_RECOVERY_CODES:
        text += " " + _("Make new recovery codes under My account.")
    messages.warning(request, text)


@login_step
@login_required
@never_cache
@sensitive_post_parameters("code")
def setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Set up the authenticator app: the first time, or to replace the old one."""
    user = request.user
    next_url = _next_url(request)
    replacing = confirmed_authenticator(user) is not None
    if replacing:
        if not is_verified(user):
            return redirect(_step_url("accounts:verify", next_url))
        if not is_recently_reauthenticated(request.session, with_code=True):
            return redirect(reauth_url(request.get_full_path(), with_code=True))
    device = pending_authenticator(user)
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if verify_token(user, device.persistent_id, form.cleaned_data["code"]) is not None:
            device.refresh_from_db()
            codes = actions.authenticator_confirm(user=user, device=device, request=request)
            _complete_login(request, device)
            if not replacing:
                account_event_record(user=user, kind=AccountEventKind.LOGIN, request=request)
            request.session[NEW_RECOVERY_CODES_SESSION_KEY] = codes
            messages.success(request, _("Your authenticator app is set up."))
            return redirect(_step_url("accounts:recovery_codes", next_url))
        form.add_error(
            "code",
            _(
                "This code is not right. Check that you added the key above to the app, "
                "and enter the code the app shows now."
            ),
        )
    return render(
        request,
        "accounts/setup.html",
        {
            "form": form,
            "next": next_url,
            "replacing": replacing,
            "secret": grouped_secret(device),
            "qr_code": qr_code_data_uri(device),
        },
    )


@login_required
@require_GET
@never_cache
def recovery_codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """New recovery codes, shown once: reloading the page does not show them again."""
    codes = request.session.pop(NEW_RECOVERY_CODES_SESSION_KEY, None) or []
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": [format_recovery_code(code) for code in codes],
            "left": recovery_codes_left(request.user),
            "next": _next_url(request),
        },
    )


@login_required
@never_cache
@reauth_required(with_code=True)
def recovery_codes_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        codes = actions.recovery_codes_renew(user=request.user, request=request)
        request.session[NEW_RECOVERY_CODES_SESSION_KEY] = codes
        return redirect(_step_url("accounts:recovery_codes", reverse("accounts:account")))
    return render(
        request,
        "accounts/recovery_codes_new.html",
        {"left": recovery_codes_left(request.user)},
    )


@login_required
@require_GET
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    """My account: roles, password, second step, and recent logins."""
    user = request.user
    roles = [Role(group.name).label for group in user.groups.all() if group.name in Role.values]
    return render(
        request,
        "accounts/account.html",
        {
            "roles": roles,
            "authenticator": confirmed_authenticator(user),
            "codes_left": recovery_codes_left(user),
            "few_codes": FEW_RECOVERY_CODES,
            "events": user.account_events.all()[:RECENT_EVENTS_SHOWN],
        },
    )


@login_required
@never_cache
@sensitive_post_parameters("password", "code")
def reauth(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Confirm the password (and a code) before changing how you log in."""
    with_code = request.GET.get("code") == "1"
    next_url = _next_url(request, default="accounts:account")
    form = ReauthForm(request.POST or None, request=request, user=request.user, with_code=with_code)
    if request.method == "POST":
        if form.is_valid():
            mark_reauthenticated(request.session, with_code=with_code)
            if form.check is not None and form.check.used_recovery_code:
                _warn_about_recovery_codes(request, request.user)
            return redirect(next_url)
        if form.has_error("password"):
            kind = AccountEventKind.PASSWORD_FAILED
            account_event_record(user=request.user, kind=kind, request=request)
        elif form.has_error("code"):
            kind = AccountEventKind.CODE_FAILED
            account_event_record(user=request.user, kind=kind, request=request)
    return render(
        request, "accounts/reauth.html", {"form": form, "next": next_url, "with_code": with_code}
    )


@login_required
@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
@reauth_required(with_code=False)
def password_change(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SetPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.password_change(
            user=request.user, new_password=form.cleaned_data["new_password1"], request=request
        )
        # Keeps this session; every other session of this account ends.
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password is changed."))
        return redirect("accounts:account")
    return render(request, "accounts/password_change.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    form_class = AccountPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        # Links in the email point at the public address, never at the request's Host header.
        self.extra_email_context = {
            "site_url": settings.SITE_URL,
            "valid_hours": max(1, round(settings.PASSWORD_RESET_TIMEOUT / 3600)),
        }
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        account_event_record(
            user=form.user, kind=AccountEventKind.PASSWORD_RESET, request=self.request
        )
        return response


password_reset = public(PasswordResetView.as_view())
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public(PasswordResetConfirmView.as_view())
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)
