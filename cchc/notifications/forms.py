from __future__ import annotations

from typing import Any

from django import forms

from cchc.notifications.models import Delivery, Kind


class PreferencesForm(forms.Form):
    """How the user gets each kind of notice: one radio group per kind, named by the kind; a
    kind left out keeps its current choice."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in Kind.choices:
            self.fields[value] = forms.ChoiceField(
                label=label, choices=Delivery.choices, required=False
            )

    def choices(self) -> dict[str, str]:
        """The kinds chosen, once the form is valid."""
        return {kind: delivery for kind, delivery in self.cleaned_data.items() if delivery}
