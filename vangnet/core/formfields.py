"""Typed access to a form's fields, for forms that narrow their choices per request.

``form.fields[name]`` is typed as a plain ``Field``; these return the field as
the kind it is (checked), so setting its queryset or choices is type-checked.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.db.models import Model


def model_choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The field ``name`` (single or multiple model choice), to set its queryset."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    return field


def choice(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The field ``name`` as a choice field, to set its choices."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    return field


def labels_from[M: Model](field: forms.ModelChoiceField[Any], label: Callable[[M], str]) -> None:
    """Show each option of ``field`` with ``label(option)`` instead of ``str(option)``."""
    # label_from_instance is a method Django expects to be overridden; per field, set it.
    setattr(field, "label_from_instance", label)  # noqa: B010
