"""Input of press monitoring's screens: validation only."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.content.models import Article
from ttdn.core.text import nfc
from ttdn.documents.forms import SignatureForm
from ttdn.monitoring.enums import ResponseKind, Severity, SourceKind, SourceState, Tone
from ttdn.monitoring.models import Source
from ttdn.org.models import Unit, User

LANGUAGES = [
    ("", _("Any language")),
    ("vi", _("Vietnamese")),
    ("en", _("English")),
    ("fr", _("French")),
]


def _unit_field(units: QuerySet[Unit]) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset=units, label=pgettext_lazy("organisation", "Unit"))


class StreamFilterForm(forms.Form):
    q = forms.CharField(label=_("Title contains"), required=False, max_length=200)
    tone = forms.ChoiceField(
        label=_("Tone"), choices=[("", _("Any tone")), *Tone.choices], required=False
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES, required=False)
    kind = forms.ChoiceField(
        label=_("Kind of source"),
        choices=[("", _("Any kind")), *SourceKind.choices],
        required=False,
    )


class SourceForm(forms.ModelForm):
    url = forms.URLField(
        label=pgettext_lazy("monitoring", "Address"),
        required=False,
        max_length=1000,
        assume_scheme="https",
    )

    class Meta:
        model = Source
        fields = [
            "unit", "name", "url", "format", "link_selector", "kind", "language", "country",
            "weight", "interval_minutes", "state",
        ]  # fmt: skip

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["state"].choices = SourceState.choices  # type: ignore[attr-defined]

    def clean_weight(self) -> int:
        weight = self.cleaned_data["weight"]
        if not 1 <= weight <= 100:
            raise forms.ValidationError(_("Give a weight from 1 to 100."))
        return int(weight)


class PasteForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    url = forms.URLField(
        label=_("Address, if any"), required=False, max_length=1000, assume_scheme="https"
    )
    text = forms.CharField(
        label=pgettext_lazy("monitoring", "Text"), widget=forms.Textarea(attrs={"rows": 8})
    )


class WatchForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("monitoring", "Name"), max_length=255)
    query = forms.CharField(label=_("Query"), widget=forms.Textarea(attrs={"rows": 3}))
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class NewWatchForm(WatchForm):
    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"unit": _unit_field(units), **self.fields}


class TopicWatchesForm(forms.Form):
    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _unit_field(units)


class ToneForm(forms.Form):
    tone = forms.ChoiceField(label=_("Tone"), choices=Tone.choices)


class OpenCaseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    severity = forms.ChoiceField(
        label=_("Severity"), choices=Severity.choices, initial=Severity.HIGH
    )
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = people  # type: ignore[attr-defined]


class AssignForm(OpenCaseForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["title"]


class ResponseForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Response"),
        choices=[
            (ResponseKind.STATEMENT, ResponseKind.STATEMENT.label),
            (ResponseKind.ARTICLE, ResponseKind.ARTICLE.label),
        ],
    )
    text = forms.CharField(
        label=_("Statement"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    url = forms.URLField(
        label=_("Published at (address)"), required=False, max_length=1000, assume_scheme="https"
    )
    article = forms.ModelChoiceField(
        label=_("Portal article"), queryset=Article.objects.none(), required=False
    )

    def __init__(self, *args: Any, articles: QuerySet[Article], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = articles  # type: ignore[attr-defined]


class LetterForm(SignatureForm):
    outlet = forms.CharField(label=_("Outlet (addressee)"), max_length=255)
    body = forms.CharField(
        label=_("Text of the letter"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Separate paragraphs with an empty line."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name in ("outlet", "body"):
            cleaned[name] = nfc(cleaned.get(name, "").strip())
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class PressRequestForm(forms.Form):
    journalist = forms.CharField(label=_("Journalist"), max_length=255)
    outlet = forms.CharField(label=_("Outlet"), max_length=255)
    contact = forms.CharField(label=_("Contact"), max_length=255, required=False)
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 4}))
    deadline = forms.DateTimeField(
        label=_("Answer by"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"unit": _unit_field(units), **self.fields}


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}))


class PressReportForm(SignatureForm):
    """The unit and period of a "Tổng hợp dư luận báo chí", and who signs it."""

    WEEK, MONTH, CUSTOM = "week", "month", "custom"

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    period = forms.ChoiceField(
        label=_("Period"),
        choices=[
            (WEEK, _("Last week (Monday to Sunday)")),
            (MONTH, _("Last month")),
            (CUSTOM, _("From … to …")),
        ],
        initial=WEEK,
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    recipients = forms.CharField(
        label=_("Recipients"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line; empty for “Như trên” and “Lưu: VT”."),
    )
    field_order = ["unit", "period", "start", "end"]

    def __init__(self, *args: Any, units: QuerySet[Unit], today: datetime.date, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.today = today

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        period = cleaned.get("period")
        if period == self.WEEK:
            monday = self.today - datetime.timedelta(days=self.today.weekday() + 7)
            cleaned["start"], cleaned["end"] = monday, monday + datetime.timedelta(days=6)
        elif period == self.MONTH:
            last = self.today.replace(day=1) - datetime.timedelta(days=1)
            cleaned["start"], cleaned["end"] = last.replace(day=1), last
        elif period == self.CUSTOM and not (cleaned.get("start") and cleaned.get("end")):
            raise forms.ValidationError(_("Give the first and the last day of the period."))
        cleaned["recipients"] = tuple(
            nfc(line.strip()) for line in cleaned.get("recipients", "").splitlines() if line.strip()
        )
        return cleaned
