"""Widgets shared by the forms of every app."""

import copy
from typing import Any

from django import forms


class RadioSelect(forms.RadioSelect):
    """Radio buttons without Django's "nothing chosen" option.

    A group with no button ticked already says that nothing is chosen; an extra
    button with a dash only confuses. A required field still refuses an empty answer.
    """

    def optgroups(self, name: str, value: Any, attrs: dict[str, Any] | None = None) -> Any:
        shown = copy.copy(self)
        shown.choices = [choice for choice in self.choices if choice[0] != ""]
        return super(RadioSelect, shown).optgroups(name, value, attrs)
