from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.org.enums import UnitKind, UnitLevel


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *UnitKind.choices]
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *UnitLevel.choices]
    )
    include_closed = forms.BooleanField(label=_("Include closed units"), required=False)


class SwitchUnitForm(forms.Form):
    unit = forms.IntegerField(widget=forms.HiddenInput)
    next = forms.CharField(required=False, widget=forms.HiddenInput)
