"""Input validation for the statistics screens; the services persist."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.core.text import nfc
from ttdn.reports.enums import PeriodKind
from ttdn.reports.periods import InvalidPeriod, Period
from ttdn.stats.enums import PressKind
from ttdn.stats.models import Dataset, PressContact

TEXT = forms.Textarea(attrs={"rows": 6})
PERIOD_KINDS = [
    (PeriodKind.SCHOOL_YEAR, PeriodKind.SCHOOL_YEAR.label),
    (PeriodKind.SEMESTER, PeriodKind.SEMESTER.label),
    (PeriodKind.YEAR, PeriodKind.YEAR.label),
]


class NfcMixin:
    """Text arrives in NFC, whatever keyboard typed it."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()  # type: ignore[misc]
        return {k: nfc(v).strip() if isinstance(v, str) else v for k, v in data.items()}


class FigureForm(NfcMixin, forms.Form):
    """A figure typed in by hand; a leader approves it before anyone outside sees it."""

    dataset = forms.ModelChoiceField(
        label=_("Dataset"), queryset=Dataset.objects.filter(numerator__isnull=True)
    )
    period_kind = forms.ChoiceField(label=_("Kind of period"), choices=PERIOD_KINDS)
    year = forms.IntegerField(
        label=_("Year"),
        min_value=1900,
        max_value=2100,
        help_text=_("For a school year, the year it starts: 2022 for 2022–2023."),
    )
    number = forms.IntegerField(
        label=_("Semester"), min_value=1, max_value=2, initial=1, required=False
    )
    value = forms.CharField(label=_("Value"), max_length=40)
    note = forms.CharField(label=_("Source or note"), max_length=500, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        number = data.get("number") or 1 if data["period_kind"] == PeriodKind.SEMESTER else 1
        try:
            data["period"] = Period(PeriodKind(data["period_kind"]), data["year"], number)
        except InvalidPeriod as error:
            raise forms.ValidationError(str(error)) from error
        return data


class PressDocumentForm(NfcMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[(PressKind.FACT_SHEET, PressKind.FACT_SHEET.label),
                                  (PressKind.RELEASE, PressKind.RELEASE.label)]
    )  # fmt: skip
    period_key = forms.ChoiceField(label=_("Period"))
    datasets = forms.ModelMultipleChoiceField(
        label=_("Figures cited"),
        queryset=Dataset.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Write {code} in the text to insert a figure, e.g. {pupils}."),
    )
    title = forms.CharField(label=_("Title (Vietnamese)"), max_length=255)
    title_en = forms.CharField(label=_("Title (English)"), max_length=255)
    body = forms.CharField(label=_("Text (Vietnamese)"), widget=TEXT, required=False)
    body_en = forms.CharField(label=_("Text (English)"), widget=TEXT, required=False)

    def __init__(self, *args: Any, periods: Any = (), datasets: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["period_key"].choices = [(p.key, p.label) for p in periods]  # type: ignore[attr-defined]
        if datasets is not None:
            self.fields["datasets"].queryset = datasets  # type: ignore[attr-defined]


class PressContactForm(NfcMixin, forms.ModelForm):
    class Meta:
        model = PressContact
        fields = ["spokesperson", "position", "contact_name", "phone", "email"]


class ImportForm(forms.Form):
    """An .xlsx file of figures: checked and shown first, recorded only when confirmed."""

    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_(
            "One figure per row, with the columns Mã đơn vị, Mã chỉ tiêu, Kỳ, Giá trị and, if "
            "needed, Ghi chú. Download the template for the codes."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Choose an Excel file (.xlsx)."))
        return upload


class PressPhotoForm(NfcMixin, forms.Form):
    caption = forms.CharField(label=_("Caption"), max_length=500)
    caption_en = forms.CharField(label=_("Caption in English"), max_length=500, required=False)
    credit = forms.CharField(
        label=_("Credit"),
        max_length=255,
        help_text=_("Who took the photo, as the press prints it."),
    )
