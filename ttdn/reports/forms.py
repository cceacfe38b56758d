"""Input of the reports screens. Values are checked by the services' validation; these forms
only shape the input."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core.text import nfc
from ttdn.documents.forms import SIGNATURE_FIELDS, SignatureForm
from ttdn.org.enums import UnitLevel
from ttdn.org.forms import LevelGroupFilterForm
from ttdn.org.models import UnitGroup
from ttdn.reports import computed
from ttdn.reports.enums import (
    CATEGORY_PRESETS,
    Aggregation,
    Basis,
    CategorySet,
    IndicatorKind,
    PeriodKind,
    RuleKind,
)
from ttdn.reports.models import Indicator, ReportForm, Section
from ttdn.reports.periods import InvalidPeriod, Period, SubmissionWindow
from ttdn.reports.validation import validate_figure

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LEVEL_DEADLINES = [UnitLevel.DISTRICT, UnitLevel.COMMUNE, UnitLevel.SCHOOL]


class RoundForm(forms.Form):
    form = forms.ModelChoiceField(
        label=_("Form"), queryset=ReportForm.objects.none(), empty_label=None
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        required=False,
        help_text=_("Empty: the form's name and the period."),
    )
    period_kind = forms.ChoiceField(
        label=_("Period"), choices=PeriodKind.choices, initial=PeriodKind.HALF_YEAR
    )
    period_year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    period_number = forms.IntegerField(
        label=_("Number in the year"),
        min_value=1,
        max_value=12,
        initial=1,
        help_text=_("Quarter 1–4, half 1–2, semester 1–2, month 1–12."),
    )
    start_month = forms.IntegerField(
        label=_("Year starts in month"), min_value=1, max_value=12, initial=1
    )
    levels = forms.MultipleChoiceField(
        label=_("Levels that report"),
        choices=UnitLevel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked and no group: the units directly below yours."),
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Groups that report"),
        queryset=UnitGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    data_from = forms.DateField(
        label=_("Data from"),
        required=False,
        widget=DATE,
        help_text=_(
            "Empty: the period's data window (Nghị định 09/2019/NĐ-CP cut-off where it applies)."
        ),
    )
    data_to = forms.DateField(label=_("Data to"), required=False, widget=DATE)
    opens_on = forms.DateField(label=_("Opens on"), required=False, widget=DATE)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE)
    closes_on = forms.DateField(
        label=_("Closes on"),
        required=False,
        widget=DATE,
        help_text=_("After this day entry locks; a unit can ask to unlock."),
    )
    due_district = forms.DateField(
        label=_("Deadline of district offices"), required=False, widget=DATE
    )
    due_commune = forms.DateField(label=_("Deadline of communes"), required=False, widget=DATE)
    due_school = forms.DateField(label=_("Deadline of schools"), required=False, widget=DATE)
    leave_out_covered = forms.BooleanField(
        label=_("Leave out the units that already report for this period in another open round"),
        required=False,
        help_text=_("Without it, such a round is refused and the units are named."),
    )

    def __init__(self, *args: Any, report_forms: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = report_forms  # type: ignore[attr-defined]
        self.fields["groups"].queryset = groups  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            period = Period(
                PeriodKind(data["period_kind"]),
                data["period_year"],
                data["period_number"],
                data["start_month"],
            )
            proposal = period.default_submission_window()
            window = SubmissionWindow(
                data["opens_on"] or proposal.opens,
                data["due_on"] or proposal.due,
                data["closes_on"] or proposal.closes,
            )
        except InvalidPeriod as error:
            raise forms.ValidationError(str(error)) from error
        # Asked before the legal cut-off, a round counts up to the last one before it opens.
        span = period.data_window_before(window.opens)
        data_window = (data["data_from"] or span.start, data["data_to"] or span.end)
        if data_window[0] > data_window[1]:
            raise forms.ValidationError(_("The data window ends before it starts."))
        data["period"], data["window"], data["data_window"] = period, window, data_window
        data["deadlines"] = {
            lv.value: data[f"due_{lv.value}"]
            for lv in LEVEL_DEADLINES
            if data.get(f"due_{lv.value}")
        }
        if any(day <= data_window[1] for day in [window.due, *data["deadlines"].values()]):
            raise forms.ValidationError(
                _(
                    "Every deadline falls after the data window ends (%(end)s): a unit cannot "
                    "report days that have not passed."
                )
                % {"end": data_window[1].strftime("%d/%m/%Y")}
            )
        return data


class ScheduleForm(forms.Form):
    """When a form's rounds open by themselves: each date as a day of the period's n-th month
    (a half-year's 4th month is April or October), a deadline per level that reports."""

    period_kind = forms.ChoiceField(label=_("Period"), choices=[])
    title = forms.CharField(
        label=_("Title of the rounds"),
        max_length=200,
        help_text=_("The period follows it, e.g. “… 6 tháng đầu năm 2027”."),
    )
    opens_month = forms.IntegerField(label=_("Opens in month no."), min_value=1, max_value=15)
    opens_day = forms.IntegerField(label=_("on day"), min_value=1, max_value=31)
    due_school_month = forms.IntegerField(
        label=_("Schools due in month no."), min_value=1, max_value=15, required=False
    )
    due_school_day = forms.IntegerField(
        label=_("on day"), min_value=1, max_value=31, required=False
    )
    due_commune_month = forms.IntegerField(
        label=_("Communes due in month no."), min_value=1, max_value=15, required=False
    )
    due_commune_day = forms.IntegerField(
        label=_("on day"), min_value=1, max_value=31, required=False
    )
    due_district_month = forms.IntegerField(
        label=_("District offices due in month no."), min_value=1, max_value=15, required=False
    )
    due_district_day = forms.IntegerField(
        label=_("on day"), min_value=1, max_value=31, required=False
    )
    closes_month = forms.IntegerField(label=_("Closes in month no."), min_value=1, max_value=15)
    closes_day = forms.IntegerField(label=_("on day"), min_value=1, max_value=31)
    levels = forms.MultipleChoiceField(
        label=_("Levels that report"),
        choices=UnitLevel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: the units directly below yours."),
    )
    active = forms.BooleanField(label=_("Open the rounds by themselves"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = [PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF_YEAR, PeriodKind.YEAR]
        self.fields["period_kind"].choices = [(k.value, k.label) for k in kinds]  # type: ignore[attr-defined]

    @classmethod
    def initial_of(cls, schedule: Any) -> dict[str, Any]:
        initial = {
            name: getattr(schedule, name)
            for name in (
                "period_kind",
                "title",
                "opens_month",
                "opens_day",
                "closes_month",
                "closes_day",
                "levels",
                "active",
            )
        }
        for level, (month, day) in schedule.deadlines.items():
            initial[f"due_{level}_month"], initial[f"due_{level}_day"] = month, day
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        deadlines = {}
        for level in LEVEL_DEADLINES:
            month, day = data.get(f"due_{level.value}_month"), data.get(f"due_{level.value}_day")
            if bool(month) != bool(day):
                raise forms.ValidationError(
                    _("Give both the month and the day of the deadline of %(level)s.")
                    % {"level": level.label}
                )
            if month and day:
                deadlines[level.value] = (month, day)
        data["deadlines"] = deadlines
        return data


def values_form(
    indicators: list[Indicator], *, data: Any = None, initial: dict[str, Any], disabled: bool
) -> forms.Form:
    """A form with one field per indicator (named by code), plus a reason field for each
    computed one. Every field is optional here: submitting checks what is required."""
    form = forms.Form(data=data, initial=initial)
    for indicator in indicators:
        field = _field(indicator)
        field.disabled = disabled
        form.fields[indicator.code] = field
        if indicator.computed_key:
            form.fields[f"reason_{indicator.code}"] = forms.CharField(
                label=_("Why the computed value is changed"),
                required=False,
                max_length=500,
                disabled=disabled,
            )
    return form


def _field(indicator: Indicator) -> forms.Field:
    label = f"{indicator.code}. {indicator.name}" + (
        f" ({indicator.measure})" if indicator.measure else ""
    )
    common: dict[str, Any] = {"label": label, "required": False, "help_text": indicator.help_text}
    if indicator.kind == IndicatorKind.YES_NO:
        return forms.ChoiceField(choices=[("", "—"), ("1", _("Yes")), ("0", _("No"))], **common)
    if indicator.kind == IndicatorKind.CHOICE:
        return forms.ChoiceField(
            choices=[("", "—"), *[(c, c) for c in indicator.choices]], **common
        )
    if indicator.kind == IndicatorKind.NARRATIVE:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), **common)
    if indicator.kind == IndicatorKind.SHORT_TEXT:
        return forms.CharField(max_length=500, **common)
    return forms.CharField(
        widget=forms.TextInput(attrs={"inputmode": "decimal"}), max_length=40, **common
    )


class ReturnForm(forms.Form):
    message = forms.CharField(
        label=_("What the unit should fix"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class UnlockRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the report must be reopened"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class GrantForm(forms.Form):
    until = forms.DateTimeField(
        label=_("Open until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        later = timezone.localtime() + datetime.timedelta(days=2)
        self.fields["until"].initial = later.replace(second=0, microsecond=0)


class ConsolidationFilterForm(forms.Form):
    unit = forms.CharField(label=_("Unit code"), required=False, max_length=32)
    basis = forms.ChoiceField(label=_("Count"), choices=Basis.choices, required=False)


class CompletenessFilterForm(LevelGroupFilterForm):
    """The completeness page: a unit by its code, then level and group."""

    unit = forms.CharField(label=_("Unit code"), required=False, max_length=32)
    field_order = ["unit", "level", "group"]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class PrintForm(SignatureForm):
    """Who the printed report goes to and who signs it."""

    recipients = forms.CharField(
        label=_("Recipients"),
        help_text=_("One per line; empty sends it to the unit that reviews the report."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    field_order = ["recipients", *SIGNATURE_FIELDS]
    required_css_class = "required"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """A printed report needs its signer's position and name (Nghị định 30/2020): marked
        required on the page, so nobody learns it from a failed download."""
        super().__init__(*args, **kwargs)
        for name, message in (
            ("signer_position", _("Give the position of the signer.")),
            ("signer_name", _("Give the name of the signer.")),
        ):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        text = nfc(cleaned.get("recipients", ""))
        cleaned["recipients"] = [line.strip() for line in text.splitlines() if line.strip()]
        return cleaned


# --- The form editor -----------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line.strip() for line in nfc(text or "").splitlines() if line.strip()]


def categories_from_lines(text: str) -> list[tuple[str, str]]:
    """Categories typed one per line as “key: label” (“en: Tiếng Anh”) or a bare key (“en”)."""
    found = []
    for line in _lines(text):
        key, _sep, label = line.partition(":")
        found.append((key.strip(), label.strip() or key.strip()))
    return found


class ReportFormForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"),
        max_length=64,
        help_text=_("Letters, digits and “-”, unique in the product, e.g. ttdn-6-thang."),
    )
    name = forms.CharField(label=_("Name"), max_length=255)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, with_code: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_code:
            del self.fields["code"]


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Section title"), max_length=255)


class IndicatorForm(forms.Form):
    """Every property of an indicator; categories from a ready-made list or typed in."""

    section = forms.ModelChoiceField(
        label=pgettext_lazy("report form", "Section"),
        queryset=Section.objects.none(),
        empty_label=None,
    )
    code = forms.CharField(
        label=_("Code"), max_length=32, help_text=_("Short and unique in the form, e.g. TT01.")
    )
    name = forms.CharField(label=_("Name"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=IndicatorKind.choices)
    measure = forms.CharField(
        label=_("Unit of measure"),
        max_length=50,
        required=False,
        help_text=_("E.g. tin bài, buổi, lượt người."),
    )
    help_text = forms.CharField(
        label=_("Help for the person filling in"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    required = forms.BooleanField(label=_("Required"), required=False)
    min_value = forms.DecimalField(label=_("Minimum"), required=False, validators=[validate_figure])
    max_value = forms.DecimalField(label=_("Maximum"), required=False, validators=[validate_figure])
    aggregation = forms.ChoiceField(
        label=_("How it rolls up"),
        choices=[("", _("As the kind suggests")), *Aggregation.choices],
        required=False,
        help_text=_(
            "Figures: sum, average, minimum or maximum; yes/no: count of yes; texts are listed."
        ),
    )
    choices = forms.CharField(
        label=_("Options"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a choice: one option per line."),
    )
    computed_key = forms.ChoiceField(
        label=_("Computed from"),
        required=False,
        choices=lambda: [("", _("Not computed: the unit enters it")), *computed.choices()],
        help_text=_(
            "Pre-filled from what the product records; the unit may change it with a reason."
        ),
    )
    category_set = forms.ChoiceField(
        label=_("Broken down by category"),
        required=False,
        choices=[("", _("Not broken down")), *CategorySet.choices],
    )
    breakdown = forms.CharField(
        label=_("Name of the breakdown"),
        max_length=100,
        required=False,
        help_text=_("E.g. “Cấp học”; empty with a ready-made list: its own name."),
    )
    categories = forms.CharField(
        label=_("Categories"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For your own list: one category per line, a short code then its name, "
            "e.g. “en: Tiếng Anh”. Each becomes an indicator coded like TT01.en."
        ),
    )

    def __init__(self, *args: Any, sections: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["choices"] = _lines(data.get("choices", ""))
        chosen = data.pop("category_set", "")
        if chosen in CATEGORY_PRESETS:
            name, categories = CATEGORY_PRESETS[chosen]
            data["categories"] = list(categories)
            data["breakdown"] = nfc(data.get("breakdown", "")) or name
        elif chosen == CategorySet.CUSTOM:
            data["categories"] = categories_from_lines(data.get("categories", ""))
            if not data["categories"]:
                self.add_error("categories", _("List the categories, one per line."))
        else:
            data["categories"] = []
        return data


def indicator_initial(indicator: Indicator) -> dict[str, Any]:
    """The editor's starting values for `indicator`: a ready-made list is recognised."""
    names = [
        "section", "code", "name", "kind", "measure", "help_text", "required",
        "min_value", "max_value", "aggregation", "computed_key", "breakdown",
    ]  # fmt: skip
    initial = {name: getattr(indicator, name) for name in names}
    initial["choices"] = "\n".join(indicator.choices)
    categories = tuple((c.category_key, c.name) for c in indicator.categories.all())
    preset = next((k for k, (_n, cats) in CATEGORY_PRESETS.items() if cats == categories), "")
    if categories:
        initial["category_set"] = preset or CategorySet.CUSTOM
        initial["categories"] = "\n".join(f"{key}: {label}" for key, label in categories)
    return initial


class RuleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Check"), choices=RuleKind.choices)
    left = forms.ChoiceField(label=_("Indicator A"))
    right = forms.ChoiceField(label=_("Indicator B"))
    message = forms.CharField(
        label=_("Message when it fails"),
        max_length=255,
        required=False,
        help_text=_("Empty: a message made from the check."),
    )

    def __init__(self, *args: Any, indicators: list[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = [(i.code, f"{i.code}. {i.name}") for i in indicators]
        self.fields["left"].choices = codes  # type: ignore[attr-defined]
        self.fields["right"].choices = codes  # type: ignore[attr-defined]
