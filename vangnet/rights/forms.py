from django import forms
from django.utils.translation import gettext_lazy as _


class EraseForm(forms.Form):
    confirm_name = forms.CharField(label=_("Type the full name of the older person to confirm"))
    reason = forms.CharField(label=_("Reason"), max_length=300)
