from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.http import HttpRequest
from django.template import loader
from django.utils.translation import gettext_lazy as _

from vangnet.accounts.models import User
from vangnet.accounts.tasks import send_account_email
from vangnet.accounts.twofactor import (
    SecondFactorCheck,
    check_code,
    looks_like_code,
    normalise_code,
)
from vangnet.core.params import whole_number


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self) -> str:
        # Accounts are stored in lower case; people type their address as they like.
        return str(self.cleaned_data["username"]).strip().lower()


def _code_field(*, label: Any, help_text: Any, numeric: bool) -> forms.CharField:
    attrs = {
        "autocomplete": "one-time-code",
        "autocapitalize": "none",
        "spellcheck": "false",
        "autofocus": True,
    }
    if numeric:
        attrs["inputmode"] = "numeric"
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=20,
        widget=forms.TextInput(attrs=attrs),
    )


class SecondFactorForm(forms.Form):
    """The second login step: a code from the app, or one recovery code."""

    code = _code_field(
        label=_("Code"),
        help_text=_(
            "The 6 digits your authenticator app shows for Vangnet. "
            "Lost your phone? Enter one of your recovery codes instead."
        ),
        numeric=False,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.check: SecondFactorCheck | None = None

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not looks_like_code(code):
            raise forms.ValidationError(
                _("Enter the 6 digits from your app, or a recovery code of 8 letters and digits.")
            )
        self.check = check_code(self.user, code)
        if self.check.device is None:
            if self.check.locked_until is not None:
                raise forms.ValidationError(
                    _("Too many wrong codes in a row. Wait a minute and try again.")
                )
            raise forms.ValidationError(
                _(
                    "This code is not right, or it was already used. "
                    "Wait for the next code in your app and enter that one."
                )
            )
        return code


class SetupForm(forms.Form):
    """Confirms that the authenticator app was set up, with the first code it shows."""

    code = _code_field(
        label=_("Code from the app"),
        help_text=_("The 6 digits the app now shows for Vangnet."),
        numeric=True,
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != 6 or whole_number(code) is None:
            raise forms.ValidationError(_("Enter the 6 digits the app shows."))
        return code


class ReauthForm(forms.Form):
    """Confirms who is at the keyboard before a change to how they log in."""

    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    def __init__(
        self, *args: Any, request: HttpRequest, user: User, with_code: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = user
        self.with_code = with_code
        self.check: SecondFactorCheck | None = None
        if with_code:
            self.fields["code"] = _code_field(
                label=_("Code"),
                help_text=_(
                    "A new code from your authenticator app, or one of your recovery codes."
                ),
                numeric=False,
            )
            self.fields["code"].widget.attrs.pop("autofocus")

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        # Through authenticate(), so wrong passwords here count towards the lockout too.
        checked = authenticate(self.request, username=self.user.email, password=password)
        if checked is None or checked.pk != self.user.pk:
            raise forms.ValidationError(_("This is not your current password."))
        return password

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not looks_like_code(code):
            raise forms.ValidationError(
                _("Enter the 6 digits from your app, or a recovery code of 8 letters and digits.")
            )
        if "password" not in self.cleaned_data:
            # Do not use up a code while the password is wrong.
            return code
        self.check = check_code(self.user, code)
        if self.check.device is None:
            raise forms.ValidationError(
                _(
                    "This code is not right, or it was already used. "
                    "Wait for the next code in your app and enter that one."
                )
            )
        return code


class AccountPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Hand the email to the background worker.

        The page then answers equally fast whether or not the address has an
        account, so the timing gives nothing away either.
        """
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_account_email.enqueue(
            subject=subject,
            body=body,
            to=to_email,
            from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        )
