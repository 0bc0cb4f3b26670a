from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes one or more files and cleans to a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".zip,.csv,.parquet", "multiple": True})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[bytes]]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    extract = MultipleFileField(
        label=_("Extract"),
        help_text=_(
            "One zip file, or the files patients, episodes, medications and (if you have it) "
            "exclusions, as CSV or Parquet."
        ),
    )
    reference_date = forms.DateField(
        label=_("Reference date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Ages and the last year of medicines are counted up to this date."),
    )
    practice_code = forms.CharField(
        label=_("Practice code in the extract (optional)"),
        required=False,
        max_length=40,
        help_text=_("Only when the extract holds more than one practice and you want one."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reference_date"].initial = timezone.localdate()
