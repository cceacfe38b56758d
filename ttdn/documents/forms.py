from __future__ import annotations

from pathlib import PurePath
from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ttdn import docgen
from ttdn.core import extract, uploads
from ttdn.core.text import nfc
from ttdn.documents import exports, queries
from ttdn.documents.citations import number_symbol_key
from ttdn.documents.enums import (
    DocumentStatus,
    DocumentType,
    OutgoingType,
    RelationKind,
    SigningAuthority,
)
from ttdn.documents.models import Document, DocumentQuerySet, Letterhead
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


SIGNATURE_FIELDS = ("signer_authority", "signer_position", "signer_name")


class SignatureForm(forms.Form):
    """Who signs a printed plan or report, as Nghị định 30/2020 writes it: the authority
    ("KT. TRƯỞNG PHÒNG"), the signer's position and name. Subclasses add their own fields."""

    signer_authority = forms.CharField(
        label=_("Signing authority"),
        help_text=_("E.g. “KT. TRƯỞNG PHÒNG”; empty when the head signs."),
        max_length=100,
        required=False,
    )
    signer_position = forms.CharField(
        label=_("Position of the signer"), max_length=100, required=False
    )
    signer_name = forms.CharField(label=_("Name of the signer"), max_length=100, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in SIGNATURE_FIELDS:
            cleaned[name] = nfc(cleaned.get(name, "").strip())
        return cleaned


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
        """An allowed extension, and content that is what the extension says (as portal
        attachments are checked): a script renamed .pdf, or a zip bomb named .docx, is refused."""
        file = self.cleaned_data["file"]
        name = file.name or ""
        if not name.lower().endswith(ATTACHMENT_SUFFIXES):
            raise forms.ValidationError(_("This kind of file cannot be attached."))
        if file.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        data = file.read()
        file.seek(0)
        if not extract.content_matches(PurePath(name).suffix[1:], data):
            raise forms.ValidationError(
                _("The file's content is not what its name (%(suffix)s) says.")
                % {"suffix": PurePath(name).suffix.lower()}
            )
        return file


class PublishForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Publish on the public page of"), queryset=Unit.objects.none()
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units


class CheckForm(forms.Form):
    """A pasted text or a file; a file is read here, so `cleaned_data["text"]` is what to check,
    unless it is too heavy for a web request: then `background` holds its bytes and name for
    the worker (`core.uploads`) and nothing is read."""

    background: tuple[bytes, str] | None = None

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
            data, name = file.read(), file.name or ""
            if uploads.needs_worker(data, name):
                self.background = (data, name)
                return cleaned
            try:
                cleaned["text"] = extract.extract_text(data, PurePath(name).suffix)
            except extract.ExtractionError as failure:
                self.add_error("file", str(failure))
        elif not cleaned.get("text", "").strip() and not self.errors:
            raise forms.ValidationError(_("Paste a text or choose a file."))
        return cleaned


def read_checked_file(data: bytes, filename: str, params: dict[str, Any]) -> dict[str, Any]:
    """What the worker does with a file sent to the citation checker (`core.uploads`): its
    text, within the worker's time limit. Raises ExtractionError."""
    seconds = settings.UPLOAD_WORKER_SECONDS
    return {"text": extract.extract_text(data, PurePath(filename).suffix, seconds=seconds)}


# --- The outgoing register -----------------------------------------------------------

# The compose screen writes documents of plain paragraphs; a decision needs its legal bases
# and articles, which plans and other apps build through `services.issue_document`.
COMPOSABLE_TYPES = [choice for choice in OutgoingType.choices if choice[0] != OutgoingType.DECISION]
LINES_HELP = _("One per line.")
# Where each part that docgen requires is entered: a field of the form, or the letterhead.
PART_FIELDS = {
    "title": "title",
    "body": "body",
    "recipients": "recipients",
    "signer": "signer_name",
    "signer.position": "signer_position",
    "signer.name": "signer_name",
    "signer.principal": "principal",
}
PART_NAMES = {
    "issuing_body": _("the issuing body"),
    "place": _("the place name"),
    "symbol": _("the abbreviation"),
    "title": _("the summary"),
    "body": _("the body"),
    "recipients": _("the recipients (Nơi nhận)"),
    "signer": _("the signer"),
    "signer.position": _("the position of the signer"),
    "signer.name": _("the name of the signer"),
    "signer.principal": _("the head signed for"),
    "addressees": _("the addressees (Kính gửi)"),
}


class RegisterFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2100)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *OutgoingType.choices]
    )


class ComposeForm(forms.Form):
    """A document to issue. Every missing mandatory part is named, and nothing is written.

    Valid, it holds `document`: the unnumbered docgen model on the unit's letterhead.
    """

    unit = forms.ModelChoiceField(label=_("Issuing unit"), queryset=Unit.objects.none())
    type = forms.ChoiceField(label=_("Type"), choices=COMPOSABLE_TYPES, initial=OutgoingType.LETTER)
    title = forms.CharField(
        label=_("Summary (trích yếu)"),
        required=False,
        max_length=2000,
        help_text=_("A letter prints it after “V/v”."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    addressees = forms.CharField(
        label=_("Addressed to (Kính gửi)"),
        required=False,
        max_length=5000,
        help_text=LINES_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    body = forms.CharField(
        label=_("Body"),
        required=False,
        max_length=100_000,
        help_text=_("One paragraph per line."),
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    recipients = forms.CharField(
        label=_("Recipients (Nơi nhận)"),
        required=False,
        max_length=5000,
        help_text=_("One per line, without the final “Lưu: VT” line, which is added."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    drafting_unit = forms.CharField(
        label=_("Drafting unit (letters)"),
        required=False,
        max_length=32,
        help_text=_("Closes a letter's symbol: VP in 05/PGDĐT-VP. Empty: the letterhead's."),
    )
    authority = forms.ChoiceField(
        label=_("Signing authority"),
        required=False,
        choices=[("", _("None: the head signs")), *SigningAuthority.choices],
    )
    principal = forms.CharField(
        label=_("Signed for"),
        required=False,
        max_length=255,
        help_text=_("With KT., TM., TL. or TUQ.: the head or body signed for, e.g. Trưởng phòng."),
    )
    signer_position = forms.CharField(
        label=_("Position of the signer"), required=False, max_length=255
    )
    signer_name = forms.CharField(label=_("Name of the signer"), required=False, max_length=255)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        self.document: docgen.Document | None = None

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            name: nfc(value).strip() if isinstance(value, str) else value
            for name, value in (super().clean() or {}).items()
        }
        if self.errors or data.get("unit") is None:
            return data
        letterhead = queries.letterhead_for(data["unit"])
        try:
            document = exports.composed_document(letterhead, **data)
        except ValueError:
            raise forms.ValidationError(
                _("The unit's letterhead has no abbreviation: set it on the letterhead page.")
            ) from None
        self._report_missing(docgen.missing_parts(document), data)
        if not self.errors:
            self.document = document
        return data

    def _report_missing(self, missing: list[str], data: dict[str, Any]) -> None:
        if data["type"] == OutgoingType.LETTER and not exports.lines(data.get("addressees", "")):
            missing.append("addressees")
        for part in missing:
            message = _("Missing: %(part)s.") % {"part": PART_NAMES.get(part, part)}
            if part in PART_FIELDS or part == "addressees":
                self.add_error(PART_FIELDS.get(part, part), message)
            else:
                self.add_error(
                    None,
                    _("%(message)s Set it on the unit's letterhead page.") % {"message": message},
                )


class LetterheadForm(forms.ModelForm):
    """How a unit's documents name it. Built without an instance: the service saves and audits."""

    class Meta:
        model = Letterhead
        fields = [
            "abbreviation",
            "issuing_body",
            "parent_body",
            "place",
            "drafting_unit",
            "head_position",
            "head_name",
        ]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is withdrawn"),
        help_text=_("Recorded in the register beside its number, which is never given again."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
