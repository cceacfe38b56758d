"""Input of the plans screens. Forms validate and persist nothing: the import form reads the
file into a `ParsedPlan` (or a translated error) for the view to preview or hand to a service."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from ttdn import docgen
from ttdn.core import extract, uploads
from ttdn.documents.forms import SIGNATURE_FIELDS, SignatureForm
from ttdn.org.forms import LevelGroupFilterForm
from ttdn.org.models import Unit
from ttdn.plans.enums import Recurrence, TaskLinkKind, TaskStatus
from ttdn.plans.importer import MAX_BYTES, ParsedPlan, PlanImportError, parse_plan

IMPORT_ERRORS: dict[str, StrOrPromise] = {
    "empty": _("The file is empty."),
    "too_large": _("The file is too large: %(size)s bytes, the limit is %(limit)s bytes."),
    "unreadable": _("The file cannot be read."),
    "not_plan": _(
        "This does not look like a plan: it has neither a “KẾ HOẠCH” title nor a plan symbol "
        "(“Số: …/KH-…”)."
    ),
    # A file that cannot be read says why in the extractor's words (ttdn.core.extract).
    **extract.MESSAGES,
}


def import_message(error: PlanImportError | extract.ExtractionError) -> str:
    """The translated message for an import failure."""
    params = getattr(error, "params", {}) or {}
    return str(IMPORT_ERRORS.get(error.code, _("The file cannot be imported."))) % params


def upload_text(data: bytes, name: str, *, seconds: float | None = None) -> str:
    """The text of an uploaded file's bytes. Raises PlanImportError (with a code)."""
    suffix = Path(name).suffix.lower()
    try:
        return extract.extract_text(data, suffix, seconds=seconds)
    except extract.ExtractionError as error:
        raise PlanImportError(str(error), code=error.code, params=error.params) from error


class ImportForm(forms.Form):
    """Reads the file into a ParsedPlan, unless it is too heavy for a web request: then
    `background` holds its bytes and name for the worker (`core.uploads`) and nothing is read."""

    file = forms.FileField(
        label=_("Plan file"), help_text=_("A .txt, .docx or text-based .pdf file.")
    )

    text = ""
    background: tuple[bytes, str] | None = None

    def clean_file(self) -> ParsedPlan | None:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                IMPORT_ERRORS["too_large"] % {"size": upload.size, "limit": MAX_BYTES}
            )
        data, name = upload.read(), upload.name or ""
        if uploads.needs_worker(data, name):
            self.background = (data, name)
            return None
        try:
            self.text = upload_text(data, name)
            return parse_plan(self.text)
        except PlanImportError as error:
            raise forms.ValidationError(import_message(error)) from error


API_IMPORT_JOB = "plans.api_import"


def read_plan_for_api(data: bytes, filename: str, params: dict[str, Any]) -> dict[str, Any]:
    """What the worker does with a plan file sent through the API: the JSON of the plan, saved
    as a draft of `params["unit"]` when asked, if its sender may still write for that unit."""
    from ttdn.org.models import Unit, User
    from ttdn.plans import rules, services

    try:
        text = upload_text(data, filename, seconds=settings.UPLOAD_WORKER_SECONDS)
        parsed = parse_plan(text)
    except PlanImportError as error:
        raise forms.ValidationError(import_message(error)) from error
    result = {"text": text, **parsed.as_dict()}
    if params.get("unit") is not None:
        user = User.objects.get(pk=params["user"])
        unit = Unit.objects.get(pk=params["unit"])
        if not rules.can_write(user, unit):
            raise forms.ValidationError(_("You may no longer write plans for this unit."))
        result["id"] = services.save_imported(parsed, unit=unit, by=user).pk
    return result


def read_plan_file(data: bytes, filename: str, params: dict[str, Any]) -> dict[str, Any]:
    """What the worker does with a plan file (`core.uploads`): its text, once it is known to
    read as a plan. Raises ValidationError with the message the owner then sees."""
    try:
        text = upload_text(data, filename, seconds=settings.UPLOAD_WORKER_SECONDS)
        parse_plan(text)
    except PlanImportError as error:
        raise forms.ValidationError(import_message(error)) from error
    return {"text": text}


class ImportSaveForm(forms.Form):
    """The text shown in the preview, sent back to save it as a draft."""

    text = forms.CharField(widget=forms.HiddenInput, max_length=MAX_BYTES, strip=False)

    def clean_text(self) -> ParsedPlan:
        try:
            return parse_plan(self.cleaned_data["text"])
        except PlanImportError as error:
            raise forms.ValidationError(import_message(error)) from error


class IssueForm(forms.Form):
    """What issuing asks for: whether units below must answer with plans of their own, which,
    and by when. Plainly incomplete choices are refused, each naming what is missing."""

    NONE, PLANS = "none", "plans"
    responses = forms.ChoiceField(
        label=_("Must units below answer with plans of their own?"),
        choices=[
            (NONE, _("No: the plan asks no unit for a plan in return")),
            (PLANS, _("Yes: the ticked units submit their own plans by the date below")),
        ],
        widget=forms.RadioSelect,
    )
    required_units = forms.ModelMultipleChoiceField(
        label=_("Units that must submit their own plan"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    submissions_due = forms.DateField(
        label=_("Their plans are due by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    # The number the confirmation step showed; issuing under another one asks again.
    confirmed_number = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["required_units"].queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        units, due = data.get("required_units"), data.get("submissions_due")
        if data.get("responses") == self.PLANS:
            if not units:
                self.add_error(
                    "required_units", _("Tick the units that must submit their own plans.")
                )
            if not due:
                self.add_error(
                    "submissions_due",
                    _("Give the date by which the units must submit their plans."),
                )
        elif data.get("responses") == self.NONE and (units or due):
            self.add_error(
                "responses",
                _(
                    "You chose that no unit answers: untick the units and clear the date, "
                    "or choose that they submit their own plans."
                ),
            )
        if due and due < timezone.localdate():
            self.add_error("submissions_due", _("This date has already passed."))
        return data

    @property
    def service_arguments(self) -> dict[str, Any]:
        """What `services.issue_plan` takes from the form."""
        return {
            "required_units": self.cleaned_data.get("required_units") or [],
            "submissions_due": self.cleaned_data.get("submissions_due"),
        }


def year_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Year of the plan"),
        min_value=2000,
        max_value=2100,
        help_text=_("The year the plan is for; a plan written from a higher one may differ."),
    )


class StartPlanForm(forms.Form):
    """The year the unit's own plan is for, asked when it is started from the parent plan."""

    year = year_field()


class PlanForm(SignatureForm):
    title = forms.CharField(label=_("Title"), max_length=500)
    year = year_field()
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    recipients = forms.CharField(
        label=_("Recipients"),
        help_text=_("One per line; the last line is the archive, e.g. “Lưu: VT”."),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
    )
    field_order = ["title", "year", "place", "recipients", *SIGNATURE_FIELDS]

    def clean_recipients(self) -> list[str]:
        text = self.cleaned_data["recipients"]
        return [item for item in map(docgen.list_item, text.splitlines()) if item]


class TaskProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What the unit should fix"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class SectionForm(forms.Form):
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 8, "data-editor": "pell"}),
        required=False,
        max_length=100_000,
    )


class TaskForm(forms.Form):
    title = forms.CharField(
        label=_("Task"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    starts_on = forms.DateField(
        label=_("Starts on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    due = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    recurrence = forms.ChoiceField(
        label=_("Recurrence"), choices=[("", "—"), *Recurrence.choices], required=False
    )
    evidence = forms.CharField(label=_("Expected evidence"), required=False, max_length=2000)
    all_subordinates = forms.BooleanField(label=_("All subordinate units"), required=False)
    units = forms.ModelMultipleChoiceField(
        label=_("Carried out by"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end is before the start."))
        return data


class BoardFilterForm(LevelGroupFilterForm):
    """The board of the units' plans, by level and group."""


class TaskArticleForm(forms.Form):
    article: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Article"), queryset=None)
    kind = forms.ChoiceField(label=_("Linked as"), choices=TaskLinkKind.choices)

    def __init__(self, *args: Any, articles: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["article"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = articles
        field.label_from_instance = _article_label  # type: ignore[method-assign,assignment]


def _article_label(article: Any) -> str:
    unit = article.site.unit
    return f"{article.title} ({unit.short_name or unit.name}, {article.get_status_display()})"
