"""Input validation for the registries' screens; the services persist."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core.text import nfc
from ttdn.documents.models import Document
from ttdn.org.models import Unit
from ttdn.registries.enums import Direction, Evaluation
from ttdn.registries.models import (
    Agreement,
    Conference,
    ConferenceParticipant,
    ContactPerson,
    Course,
    Delegation,
    DelegationMember,
    Inspection,
    Partner,
    PartnerContact,
    Programme,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


class NfcMixin:
    """Text arrives in NFC (STYLE rule 12), whatever keyboard typed it."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()  # type: ignore[misc]
        return {k: nfc(v) if isinstance(v, str) else v for k, v in data.items()}


class UnitChoiceMixin(forms.Form):
    """A form whose record belongs to one of the units the person records for."""

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), empty_label=None)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]
            self.order_fields(["unit"])


def _formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


def _model_fields(model: type, names: list[str], **widgets: Any) -> dict[str, forms.Field]:
    return forms.fields_for_model(
        model, fields=names, widgets=widgets, formfield_callback=_formfield
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


def form_for(model: type, names: list[str], *, widgets: dict[str, Any] | None = None) -> Any:
    """A plain form with the model's fields (labels, help texts, choices, lengths)."""
    attrs = _model_fields(model, names, **(widgets or {}))
    return type(f"{model.__name__}Form", (NfcMixin, UnitChoiceMixin), attrs)


PartnerForm = form_for(
    Partner,
    ["name", "kind", "country", "languages", "address", "website", "notes"],
    widgets={"notes": TEXT},
)
PartnerContactForm = form_for(
    PartnerContact, ["full_name", "position", "email", "phone", "notes"], widgets={"notes": TEXT}
)
AgreementForm = form_for(
    Agreement,
    ["partner", "kind", "title", "other_parties", "file", "notes"],
    widgets={"notes": TEXT},
)
ProgrammeForm = form_for(
    Programme,
    ["name", "partners", "units", "agreement", "goals", "starts_on", "ends_on"],
    widgets={"goals": TEXT, "starts_on": DATE, "ends_on": DATE},
)
DelegationForm = form_for(
    Delegation,
    ["direction", "partner", "purpose", "starts_on", "ends_on", "place", "programme", "hosts"],
    widgets={"purpose": TEXT, "hosts": TEXT, "starts_on": DATE, "ends_on": DATE},
)
MemberForm = form_for(DelegationMember, ["full_name", "position", "organisation", "is_head"])
ParticipantForm = form_for(
    ConferenceParticipant, ["full_name", "position", "organisation", "country"]
)
ConferenceForm = form_for(
    Conference,
    [
        "kind",
        "title",
        "starts_on",
        "ends_on",
        "place",
        "partners",
        "programme",
        "participants",
        "participant_count",
        "foreign_participant_count",
    ],
    widgets={"participants": TEXT, "starts_on": DATE, "ends_on": DATE},
)
ContactPersonForm = form_for(
    ContactPerson, ["full_name", "position", "email", "phone", "is_part_time", "is_active"]
)
CourseForm = form_for(
    Course,
    [
        "topic",
        "level",
        "trainer",
        "starts_on",
        "ends_on",
        "place",
        "hours",
        "programme",
        "evaluation",
    ],
    widgets={"evaluation": TEXT, "starts_on": DATE, "ends_on": DATE},
)
InspectionForm = form_for(
    Inspection,
    ["year", "title", "scope", "subjects", "starts_on", "ends_on"],
    widgets={"scope": TEXT, "starts_on": DATE, "ends_on": DATE},
)


def limit(form: forms.Form, **querysets: Any) -> forms.Form:
    """Narrow the choices of the form's relation fields to what the person may pick."""
    for name, queryset in querysets.items():
        if name in form.fields:
            form.fields[name].queryset = queryset  # type: ignore[attr-defined]
    return form


class DelegationFilterForm(SearchForm):
    direction = forms.ChoiceField(
        label=_("Direction"),
        required=False,
        choices=[("", _("Both directions")), *Direction.choices],
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE)
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=DATE,
        help_text=_("Empty when it has no end date."),
    )


class ResultForm(NfcMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    results = forms.CharField(label=_("Results"), widget=TEXT)


class DecisionForm(NfcMixin, forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Approve")), ("no", _("Refuse"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=TEXT, help_text=_("Required for a refusal.")
    )
    document = forms.ModelChoiceField(
        label=_("Approving document"),
        required=False,
        queryset=Document.objects.none(),
        help_text=_("The decision in the legal library, if it has been entered there."),
    )


class SignatureForm(NfcMixin, forms.Form):
    """Who signs a printed report or conclusion."""

    signer_position = forms.CharField(label=_("Position of the signer"), max_length=255)
    signer_name = forms.CharField(label=_("Name of the signer"), max_length=255)
    recipients = forms.CharField(
        label=_("Recipients"), widget=TEXT, help_text=_("One per line; “Lưu: VT” is added.")
    )


class CertificateForm(NfcMixin, forms.Form):
    signer_position = forms.CharField(label=_("Position of the signer"), max_length=255)
    signer_name = forms.CharField(label=_("Name of the signer"), max_length=255)


class ReportForm(SignatureForm):
    outcome = forms.CharField(label=_("What came of it"), widget=forms.Textarea(attrs={"rows": 6}))
    field_order = ["outcome", "signer_position", "signer_name", "recipients"]


class ConclusionForm(SignatureForm):
    conclusion = forms.CharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 6}))
    field_order = ["conclusion", "signer_position", "signer_name", "recipients"]


class EnrolForm(NfcMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    contact = forms.ModelChoiceField(
        label=_("TTĐN contact"),
        required=False,
        queryset=ContactPerson.objects.none(),
        help_text=_("Choose a named contact, or type the name below."),
    )
    full_name = forms.CharField(label=_("Full name"), required=False, max_length=255)
    position = forms.CharField(label=_("Position"), required=False, max_length=255)


ATTENDANCE_CHOICES = [
    ("", pgettext_lazy("attendance", "Not recorded")),
    ("yes", _("Attended")),
    ("no", _("Absent")),
]


class AttendanceForm(forms.Form):
    """One row per trainee: attended or not, and the evaluation."""

    def __init__(self, *args: Any, trainees: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.trainees = trainees
        for t in trainees:
            initial = "" if t.attended is None else ("yes" if t.attended else "no")
            self.fields[f"attended_{t.pk}"] = forms.ChoiceField(
                label=t.full_name, choices=ATTENDANCE_CHOICES, required=False, initial=initial
            )
            self.fields[f"evaluation_{t.pk}"] = forms.ChoiceField(
                label=_("Evaluation"),
                choices=[("", "—"), *Evaluation.choices],
                required=False,
                initial=t.evaluation,
            )

    def marks(self) -> dict[int, tuple[bool | None, str]]:
        data = self.cleaned_data
        return {
            t.pk: (
                {"yes": True, "no": False}.get(data[f"attended_{t.pk}"]),
                data[f"evaluation_{t.pk}"],
            )
            for t in self.trainees
        }

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [(t, self[f"attended_{t.pk}"], self[f"evaluation_{t.pk}"]) for t in self.trainees]


class FindingForm(NfcMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Inspected unit"), queryset=Unit.objects.none(), empty_label=None
    )
    description = forms.CharField(label=_("Finding"), widget=TEXT)
    is_violation = forms.BooleanField(label=_("It is a violation"), required=False)
    rule = forms.CharField(
        label=_("Rule broken"),
        required=False,
        max_length=500,
        help_text=_("The provision it breaks, e.g. “Điều 5 Quyết định số 3767/QĐ-BGDĐT”."),
    )
    remedy = forms.CharField(label=_("Remedy required"), required=False, widget=TEXT)
    remedy_due = forms.DateField(label=_("Remedy due"), required=False, widget=DATE)


class NoteForm(NfcMixin, forms.Form):
    note = forms.CharField(label=_("Note"), widget=TEXT)


class OptionalNoteForm(NfcMixin, forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=TEXT)


class ReopenForm(NoteForm):
    remedy_due = forms.DateField(label=_("New deadline"), widget=DATE)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
