from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ttdn.core.text import nfc
from ttdn.documents.citations import number_symbol_key
from ttdn.documents.enums import DocumentStatus, DocumentType, RelationKind
from ttdn.documents.extract import ExtractionFailed, extract_text
from ttdn.documents.models import Document, DocumentQuerySet
from ttdn.org.models import Unit

MAX_CHECK_TEXT = 500_000  # characters: a long plan is 50,000
MAX_UPLOAD = 50 * 1024 * 1024
ATTACHMENT_SUFFIXES = (
    ".pdf",
    ".docx",
    ".doc",
    ".odt",
    ".rtf",
    ".txt",
    ".xlsx",
    ".xls",
    ".jpg",
    ".jpeg",
    ".png",
    ".zip",
)


class DocumentFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("With or without tones; “quotes” for an exact phrase."),
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *DocumentType.choices]
    )
    issuer = forms.ChoiceField(label=_("Issuing body"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *DocumentStatus.choices],
    )

    def __init__(self, *args: Any, issuers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["issuer"]).choices = [
            ("", _("All issuing bodies")),
            *((name, name) for name in issuers),
        ]


class PublicSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)


class DocumentForm(forms.ModelForm):
    """The fields a person edits. Built without an instance, also to edit: the service saves and audits."""

    status = forms.ChoiceField(
        label=_("Status"), choices=DocumentStatus.choices, initial=DocumentStatus.IN_FORCE
    )

    class Meta:
        model = Document
        fields = [
            "type",
            "number_symbol",
            "issued_on",
            "issuer",
            "signer",
            "title",
            "effective_on",
            "expiry_on",
            "status",
            "classification",
            "unit",
            "full_text",
        ]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "effective_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expiry_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "title": forms.Textarea(attrs={"rows": 3}),
            "full_text": forms.Textarea(attrs={"rows": 16}),
        }

    def __init__(
        self, *args: Any, units: QuerySet[Unit], unit_required: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        unit = cast(forms.ModelChoiceField, self.fields["unit"])
        unit.queryset = units
        unit.required = unit_required

    def clean_number_symbol(self) -> str:
        value = nfc(self.cleaned_data["number_symbol"]).strip()
        if not number_symbol_key(value):
            raise forms.ValidationError(
                _("Enter the number and symbol as printed, e.g. 72/2015/NĐ-CP.")
            )
        return value


class RelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Relation"), choices=RelationKind.choices)
    target = forms.CharField(label=_("Number and symbol of the other document"), max_length=100)
    year = forms.IntegerField(
        label=_("Its year of issue"),
        required=False,
        min_value=1945,
        max_value=2100,
        help_text=_("Only needed when several documents have this number."),
    )

    def __init__(self, *args: Any, documents: DocumentQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.documents = documents

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "target" not in cleaned:
            return cleaned
        found = self.documents.with_key(number_symbol_key(cleaned["target"])).defer("full_text")
        if cleaned.get("year"):
            found = found.filter(issued_on__year=cleaned["year"])
        matches = list(found[:2])
        if not matches:
            self.add_error("target", _("No document of the library has this number and symbol."))
        elif len(matches) > 1:
            self.add_error(
                "year", _("Several documents have this number and symbol: give the year of issue.")
            )
        else:
            cleaned["target"] = matches[0]
        return cleaned


class FileForm(forms.Form):
    file = forms.FileField(
        label=_("Original file"),
        help_text=_("PDF, Word, OpenDocument, text, spreadsheet, image or ZIP; at most 50 MB."),
    )

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        if not (file.name or "").lower().endswith(ATTACHMENT_SUFFIXES):
            raise forms.ValidationError(_("This kind of file cannot be attached."))
        if file.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return file


class PublishForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Publish on the public page of"), queryset=Unit.objects.none()
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units


class CheckForm(forms.Form):
    """A pasted text or a file; a file is read here, so `cleaned_data["text"]` is what to check."""

    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=MAX_CHECK_TEXT,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    file = forms.FileField(
        label=_("Or a file"),
        required=False,
        help_text=_(".txt, .docx or .pdf with a text layer; at most 50 MB."),
    )

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        if file is not None and file.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return file

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if file := cleaned.get("file"):
            try:
                cleaned["text"] = extract_text(file.name or "", file)
            except ExtractionFailed as failure:
                self.add_error("file", str(failure))
        elif not cleaned.get("text", "").strip() and not self.errors:
            raise forms.ValidationError(_("Paste a text or choose a file."))
        return cleaned
