from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core.text import nfc
from ttdn.events.enums import OWNED_SCOPES, CalendarKind, Category, Scope, Verification, YearClass
from ttdn.events.models import Commemoration
from ttdn.org.models import Unit, UnitQuerySet


class CalendarFilterForm(forms.Form):
    unit = forms.CharField(
        label=_("Unit code"),
        required=False,
        max_length=32,
        help_text=_("Empty: every commemoration you can see."),
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *Category.choices]
    )
    scope = forms.ChoiceField(
        label=_("Scope"), required=False, choices=[("", _("All scopes")), *Scope.choices]
    )
    year_class = forms.ChoiceField(
        label=pgettext_lazy("anniversary", "Year"),
        required=False,
        choices=[("", _("All years")), *YearClass.choices],
    )
    even_only = forms.BooleanField(
        label=_("Only anniversaries worth planning for (năm chẵn)"), required=False
    )


class CommemorationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *Category.choices]
    )
    scope = forms.ChoiceField(
        label=_("Scope"), required=False, choices=[("", _("All scopes")), *Scope.choices]
    )
    verification = forms.ChoiceField(
        label=_("Verification"), required=False, choices=[("", _("Any")), *Verification.choices]
    )


class CommemorationForm(forms.Form):
    """A unit's own commemoration: its unit is one the person leads or serves as officer."""

    name = forms.CharField(
        label=_("Name"),
        max_length=255,
        help_text=_("As plans print it, e.g. “Ngày giải phóng Hải Phòng”."),
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), empty_label=None)
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=[(s.value, s.label) for s in Scope if s in OWNED_SCOPES],
        initial=Scope.LOCAL,
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    calendar = forms.ChoiceField(
        label=_("Calendar"), choices=CalendarKind.choices, initial=CalendarKind.SOLAR
    )
    day = forms.IntegerField(label=_("Day"), min_value=1, max_value=31)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12)
    origin_year = forms.IntegerField(
        label=_("Origin year"),
        required=False,
        min_value=1,
        max_value=2100,
        help_text=_("The year of the event; anniversaries are counted from it."),
    )
    source = forms.CharField(
        label=_("Source"), required=False, max_length=255, help_text=_("Where the date comes from.")
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, units: UnitQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units

    def clean_name(self) -> str:
        return nfc(self.cleaned_data["name"]).strip()

    def clean(self) -> dict[str, Any]:
        """Refuse a date that does not exist (30/2, 29/2/1993, lunar 31) with the reason."""
        data = super().clean() or {}
        if not self.errors:
            Commemoration(**data).clean()
        return data
