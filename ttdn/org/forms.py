from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.org.enums import UnitKind, UnitLevel
from ttdn.org.models import UnitGroup


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=pgettext_lazy("unit", "Kind"),
        required=False,
        choices=[("", _("All kinds")), *UnitKind.choices],
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *UnitLevel.choices]
    )
    include_closed = forms.BooleanField(label=_("Include closed units"), required=False)


class LevelGroupFilterForm(forms.Form):
    """Narrow a board of units to a level and to one of the groups offered (`groups=`): the
    plans' board and the reports' completeness page."""

    level = forms.ChoiceField(
        label=_("Level"), choices=[("", _("All levels")), *UnitLevel.choices], required=False
    )
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=UnitGroup.objects.none(),
        required=False,
        empty_label=_("All groups"),
    )

    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]


class SwitchUnitForm(forms.Form):
    unit = forms.IntegerField(widget=forms.HiddenInput)
    next = forms.CharField(required=False, widget=forms.HiddenInput)
