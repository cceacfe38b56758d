"""Input validation of the editorial screens. Nothing here writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.content import files
from ttdn.content.enums import (
    Check,
    Classification,
    ExemplarRole,
    Language,
    Palette,
    SectionKind,
)
from ttdn.content.models import Consent, Exemplar, Section, Site
from ttdn.core.text import nfc

IMAGE_TYPES = "image/jpeg,image/png,image/webp"


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none())
    summary = forms.CharField(
        label=pgettext_lazy("article", "Summary"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    body = forms.CharField(
        label=_("Body"),
        widget=forms.Textarea(attrs={"rows": 16, "data-editor": "pell"}),
        help_text=_("You may paste from Word; formatting that is not safe is removed."),
    )
    cover_upload = forms.ImageField(
        label=_("Cover picture"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}),
    )
    cover_alt = forms.CharField(
        label=_("Description of the cover picture"),
        max_length=255,
        required=False,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    cover_shows_pupils = forms.BooleanField(label=_("The picture shows pupils"), required=False)
    cover_consent = forms.ModelChoiceField(
        label=_("Guardian's consent"), queryset=Consent.objects.none(), required=False
    )
    tags = forms.CharField(
        label=_("Tags"), max_length=255, required=False, help_text=_("Separated by commas.")
    )
    byline = forms.CharField(label=_("Byline"), max_length=255, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    classification = forms.ChoiceField(
        label=_("Classification"),
        choices=Classification.choices,
        help_text=_("Classified or internal content is never published."),
    )
    exemplar = forms.ModelChoiceField(
        label=_("Exemplary figure"), queryset=Exemplar.objects.none(), required=False
    )
    commemoration: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Commemoration"),
        queryset=None,
        required=False,
        help_text=_("The anniversary the article is written for, if any."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, site: Site, commemorations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._narrow("commemoration", commemorations)
        self._narrow("section", site.sections.all())
        self._narrow("cover_consent", site.consents.all())
        self._narrow("exemplar", site.exemplars.all())
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)
        language.choices = [(c, Language(c).label) for c in site.offered]

    def _narrow(self, name: str, queryset: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset

    def clean_title(self) -> str:
        return nfc(self.cleaned_data["title"]).strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("cover_upload") and not (data.get("cover_alt") or "").strip():
            self.add_error("cover_alt", _("Describe the picture for people who cannot see it."))
        if data.get("cover_shows_pupils") and not data.get("cover_consent"):
            self.add_error(
                "cover_consent",
                _("A picture of pupils needs a guardian's consent on record."),
            )
        return data


class TranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    title = forms.CharField(label=_("Title"), max_length=255)
    summary = forms.CharField(
        label=pgettext_lazy("article", "Summary"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    body = forms.CharField(
        label=_("Body"), widget=forms.Textarea(attrs={"rows": 16, "data-editor": "pell"})
    )


class ReviewForm(forms.Form):
    checklist = forms.MultipleChoiceField(
        label=_("Checklist"),
        choices=Check.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Every point must be confirmed before the article is approved."),
    )
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Empty: publish now."),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExemplarForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=255)
    role = forms.ChoiceField(label=_("Role"), choices=ExemplarRole.choices)
    achievements = forms.CharField(
        label=_("Achievements"), widget=forms.Textarea(attrs={"rows": 5})
    )
    photo_upload = forms.ImageField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}),
    )
    photo_alt = forms.CharField(label=_("Description of the photo"), max_length=255, required=False)
    consent = forms.ModelChoiceField(
        label=_("Guardian's consent"),
        queryset=Consent.objects.none(),
        required=False,
        help_text=_("Required for a pupil."),
    )

    def __init__(self, *args: Any, site: Site, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["consent"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = site.consents.all()


class ConsentForm(forms.Form):
    pupil = forms.CharField(label=_("Pupil"), max_length=255)
    given_by = forms.CharField(label=_("Given by (guardian)"), max_length=255)
    given_on = forms.DateField(label=_("Given on"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(
        label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    renews = forms.ModelChoiceField(
        label=_("Renews the consent"),
        queryset=Consent.objects.none(),
        required=False,
        help_text=_(
            "The pictures and profile of the earlier consent move to this one; those withdrawn when it expired are shown again."
        ),
    )

    def __init__(self, *args: Any, site: Site, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["renews"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = site.consents.all()


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)


class SiteForm(forms.Form):
    tagline = forms.CharField(label=_("Tagline"), max_length=255, required=False)
    colour = forms.ChoiceField(label=_("Colour"), choices=Palette.choices)
    logo_upload = forms.ImageField(
        label=_("Logo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}),
    )
    contact = forms.CharField(
        label=_("Contact"), max_length=255, required=False, help_text=_("Telephone, e-mail.")
    )
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    map_url = forms.URLField(label=_("Map link"), required=False, assume_scheme="https")
    languages = forms.MultipleChoiceField(
        label=_("Other languages offered"),
        choices=[(c.value, c.label) for c in Language if c != Language.VI],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Vietnamese is always offered."),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.ImageField):
    """Several pictures in one field (Django's documented pattern): a list of files."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": IMAGE_TYPES}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data] if data else [single(None, initial)]
        return [single(data, initial)]


class GalleryForm(forms.Form):
    uploads = MultipleImageField(
        label=_("Pictures"),
        help_text=_("You may choose several pictures at once (up to 20)."),
    )
    alt = forms.CharField(
        label=_("Description of the picture"),
        max_length=255,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=500, required=False)
    shows_pupils = forms.BooleanField(label=_("The pictures show pupils"), required=False)
    consents = forms.ModelMultipleChoiceField(
        label=_("Guardians' consents"),
        queryset=Consent.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick the consent of every pupil the pictures show."),
    )

    def __init__(self, *args: Any, site: Site, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["consents"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = site.consents.order_by("pupil", "pk")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("shows_pupils") and not data.get("consents"):
            self.add_error(
                "consents", _("A picture of pupils needs a guardian's consent on record.")
            )
        return data


class AttachmentForm(forms.Form):
    upload = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{extension}" for extension in files.KINDS)}
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = _(
            "%(kinds)s; at most %(limit)s MB. The file keeps its name for download."
        ) % {"kinds": files.allowed_names(), "limit": settings.CONTENT_ATTACHMENT_MAX_MB}


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    slug = forms.CharField(
        label=_("Address"),
        max_length=100,
        required=False,
        help_text=_("The last part of the section's address; empty: made from the title."),
    )
    is_hidden = forms.BooleanField(
        label=_("Hidden from the public menu"),
        required=False,
        help_text=_("Its published articles stay on the site."),
    )


class NewSectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    slug = forms.CharField(
        label=_("Address"),
        max_length=100,
        required=False,
        help_text=_("Empty: made from the title."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=SectionKind.choices, initial=SectionKind.OTHER
    )
