"""The account's entry in the main menu (its label is translated in this app's catalog)."""

from django.utils.translation import gettext_lazy as _

MY_ACCOUNT_LABEL = _("My account")
