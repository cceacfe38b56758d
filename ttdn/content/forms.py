"""Input validation of the editorial screens. Nothing here writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.content import channels, colours, disclosure, files, links
from ttdn.content.enums import (
    PAGE_KINDS,
    AlbumItemKind,
    Check,
    Classification,
    ExemplarRole,
    HomeBlock,
    Language,
    SectionKind,
)
from ttdn.content.models import Album, AlbumItem, Consent, Exemplar, Section, Site
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
        self._narrow("section", site.sections.exclude(kind__in=PAGE_KINDS))
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


# The hosts an official page or a video may be on: links only, never a player from elsewhere.
SOCIAL_HOSTS = {
    "facebook_url": ("facebook.com", "fb.com"),
    "zalo_url": ("zalo.me",),
    "youtube_url": ("youtube.com", "youtu.be"),
}
VIDEO_HOSTS = links.VIDEO_HOSTS
_on_host = links.on_host


def _pairs(text: str, *, url_hosts: tuple[str, ...] = ()) -> list[list[str]]:
    """Lines "label | value" as pairs; a value must be a link on `url_hosts` when given."""
    pairs = []
    for number, line in enumerate(nfc(text or "").splitlines(), start=1):
        if not line.strip():
            continue
        label, bar, value = (part.strip() for part in line.partition("|"))
        if not bar or not label or not value:
            raise forms.ValidationError(
                _("Line %(number)s: write it as “label | value”.") % {"number": number}
            )
        if url_hosts and not (value.startswith("https://") and _on_host(value, url_hosts)):
            raise forms.ValidationError(
                _("Line %(number)s: give a https:// link to %(hosts)s.")
                % {"number": number, "hosts": ", ".join(url_hosts)}
            )
        pairs.append([label[:100], value[:300]])
    return pairs


class ColourInput(forms.TextInput):
    """The browser's colour picker (#rrggbb); it takes neither maxlength nor required."""

    input_type = "color"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for attr in ("maxlength", "required"):
            context["widget"]["attrs"].pop(attr, None)
        return context


class SiteForm(forms.Form):
    tagline = forms.CharField(label=_("Tagline"), max_length=255, required=False)
    colour = forms.CharField(
        label=_("Colour"),
        max_length=7,
        widget=ColourInput(attrs={"list": "site-colours"}),
        help_text=_("The header's colour, under white text: it needs a contrast of 4.5:1."),
    )
    accent = forms.CharField(
        label=_("Second colour"),
        max_length=7,
        widget=ColourInput(attrs={"list": "site-colours"}),
        help_text=_("Lines and bars on the white page: it needs a contrast of 3:1."),
    )
    logo_upload = forms.ImageField(
        label=_("Logo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}),
    )
    banner_upload = forms.ImageField(
        label=_("Banner"),
        required=False,
        help_text=_("A wide picture shown across the top of every page (about 1600 × 400)."),
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}),
    )
    banner_alt = forms.CharField(label=_("What the banner shows"), max_length=255, required=False)
    contact = forms.CharField(
        label=_("Contact"), max_length=255, required=False, help_text=_("Telephone, e-mail.")
    )
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    map_url = forms.URLField(label=_("Map link"), required=False, assume_scheme="https")
    phone = forms.CharField(label=_("Telephone"), max_length=64, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    responsible = forms.CharField(
        label=_("Responsible for the content"),
        max_length=255,
        required=False,
        help_text=_("Name and position, shown in the footer."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Other languages offered"),
        choices=[(c.value, c.label) for c in Language if c != Language.VI],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Vietnamese is always offered."),
    )
    facebook_url = forms.URLField(label=_("Facebook page"), required=False, assume_scheme="https")
    zalo_url = forms.URLField(
        label=_("Zalo official account"), required=False, assume_scheme="https"
    )
    youtube_url = forms.URLField(label=_("YouTube channel"), required=False, assume_scheme="https")
    post_channels = forms.MultipleChoiceField(
        label=_("Post new articles to"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("When an article is published, a post is queued to each channel chosen."),
    )
    home_blocks = forms.CharField(
        label=_("Home page blocks, in order"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    key_figures = forms.CharField(
        label=_("Key figures"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: “label | figure”, e.g. “Học sinh | 1.250”."),
    )
    videos = forms.CharField(
        label=_("Videos"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: “title | link” to YouTube, Vimeo or Facebook."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["post_channels"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = channels.choices()
        labels = "; ".join(str(label) for label in HomeBlock.labels)
        self.fields["home_blocks"].help_text = _(
            "One block per line, top first; leave a block out to hide it. Blocks: %(blocks)s."
        ) % {"blocks": labels}

    def clean_home_blocks(self) -> list[str]:
        by_label = {str(label).casefold(): value for value, label in HomeBlock.choices}
        by_label.update({value: value for value in HomeBlock.values})
        chosen: list[str] = []
        for line in nfc(self.cleaned_data["home_blocks"] or "").splitlines():
            if not line.strip():
                continue
            value = by_label.get(line.strip().casefold())
            if value is None:
                raise forms.ValidationError(
                    _("“%(line)s” is not a block of the home page.") % {"line": line.strip()}
                )
            if value not in chosen:
                chosen.append(value)
        return chosen

    def clean_colour(self) -> str:
        value = colours.normalise(self.cleaned_data["colour"])
        colours.check_header(value)
        return value

    def clean_accent(self) -> str:
        value = colours.normalise(self.cleaned_data["accent"])
        colours.check_accent(value)
        return value

    def clean_key_figures(self) -> list[list[str]]:
        return _pairs(self.cleaned_data["key_figures"])

    def clean_videos(self) -> list[list[str]]:
        return _pairs(self.cleaned_data["videos"], url_hosts=VIDEO_HOSTS)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, hosts in SOCIAL_HOSTS.items():
            if data.get(name) and not _on_host(data[name], hosts):
                self.add_error(
                    name, _("Give the address of the page on %(host)s.") % {"host": hosts[0]}
                )
        if data.get("banner_upload") and not (data.get("banner_alt") or "").strip():
            self.add_error("banner_alt", _("Say what the banner shows."))
        return data

    @staticmethod
    def initial_for(site: Site) -> dict[str, Any]:
        names = (
            "tagline", "colour", "accent", "contact", "address", "map_url", "phone", "email",
            "responsible", "languages", "facebook_url", "zalo_url", "youtube_url", "post_channels",
        )  # fmt: skip
        initial = {name: getattr(site, name) for name in names}
        labels = dict(HomeBlock.choices)
        initial["home_blocks"] = "\n".join(str(labels[b]) for b in site.blocks if b in labels)
        initial["key_figures"] = "\n".join(f"{a} | {b}" for a, b in site.key_figures)
        initial["videos"] = "\n".join(f"{a} | {b}" for a, b in site.videos)
        return initial


class DisclosureForm(forms.Form):
    item = forms.ChoiceField(label=pgettext_lazy("disclosure", "Item"))
    school_year = forms.TypedChoiceField(label=_("School year"), coerce=int)
    body = forms.CharField(
        label=_("Content"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The information itself; or attach the signed file below, or both."),
    )
    upload = forms.FileField(label=_("File"), required=False)
    note = forms.CharField(
        label=_("What changed"),
        max_length=500,
        required=False,
        help_text=_("Needed for a new version of an item already published."),
    )

    def __init__(self, *args: Any, site: Site, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        item = self.fields["item"]
        year = self.fields["school_year"]
        assert isinstance(item, forms.ChoiceField) and isinstance(year, forms.ChoiceField)
        item.choices = [(i.code, i.title) for i in disclosure.items_for(site.unit.kind)]
        year.choices = [(y, disclosure.school_year_label(y)) for y in years]
        self.fields["upload"].help_text = _("PDF or office documents: %(kinds)s.") % {
            "kinds": files.allowed_names()
        }


class WeekForm(forms.Form):
    note = forms.CharField(label=_("Note for the week"), max_length=500, required=False)


class ScheduleRowForm(forms.Form):
    day = forms.DateField(
        label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    time = forms.TimeField(
        label=pgettext_lazy("time of day", "Time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    content = forms.CharField(label=_("Work"), max_length=500, required=False)
    place = forms.CharField(label=pgettext_lazy("venue", "Place"), max_length=255, required=False)
    lead = forms.CharField(label=_("Led by"), max_length=255, required=False)
    attendees = forms.CharField(label=_("Attended by"), max_length=255, required=False)


ScheduleRows = forms.formset_factory(ScheduleRowForm, extra=0, max_num=60, absolute_max=60)


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
    parent = forms.ModelChoiceField(
        label=_("Shown under"),
        queryset=Section.objects.none(),
        required=False,
        empty_label=_("(the top of the menu)"),
        help_text=_("The menu has one level under a section."),
    )

    def __init__(self, *args: Any, section: Section, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["parent"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = section.site.sections.filter(parent__isnull=True).exclude(pk=section.pk)


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


# --- Albums and the about page ---------------------------------------------------------------


class AlbumForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _item_label(item: AlbumItem) -> str:
    return item.caption or (item.image.alt if item.image else "")


class AlbumDetailsForm(AlbumForm):
    cover = forms.ModelChoiceField(
        label=_("Cover"),
        queryset=AlbumItem.objects.none(),
        required=False,
        empty_label=_("(the first photo)"),
    )
    is_featured = forms.BooleanField(
        label=_("Feature it on the home page"),
        required=False,
        help_text=_("The home page shows one album: this one instead of the latest."),
    )

    def __init__(self, *args: Any, album: Album, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cover"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = album.items.filter(kind=AlbumItemKind.PHOTO).select_related("image")
        field.label_from_instance = _item_label  # type: ignore[method-assign,assignment]

    @staticmethod
    def initial_for(album: Album) -> dict[str, Any]:
        names = ("title", "date", "description", "is_featured")
        return {**{name: getattr(album, name) for name in names}, "cover": album.cover_id}


class VideoForm(forms.Form):
    video_url = forms.CharField(
        label=_("Link to the video"),
        max_length=500,
        help_text=_(
            "Its address on YouTube, Vimeo or Facebook; the site shows a link, not a player."
        ),
    )
    title = forms.CharField(label=_("Title of the video"), max_length=500)
    poster = forms.ImageField(
        label=_("Poster picture"),
        required=False,
        help_text=_("A picture from the video, shown with the link."),
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}),
    )
    poster_alt = forms.CharField(label=_("What the poster shows"), max_length=255, required=False)


class AlbumPublishForm(forms.Form):
    checklist = forms.MultipleChoiceField(
        label=_("Checklist"),
        choices=Check.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason for publishing without review"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AboutForm(forms.Form):
    history = forms.CharField(
        label=_("History"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "data-editor": "pell"}),
        help_text=_("You may paste from Word; formatting that is not safe is removed."),
    )
    organisation = forms.CharField(
        label=_("Organisational structure"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The school's boards, teams and groups of subjects."),
    )
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=64, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    map_url = forms.URLField(label=_("Map link"), required=False, assume_scheme="https")
    map_upload = forms.ImageField(
        label=_("Map picture"),
        required=False,
        help_text=_("A picture of the map, shown on the page."),
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}),
    )
    map_alt = forms.CharField(label=_("What the map shows"), max_length=255, required=False)
    map_remove = forms.BooleanField(label=_("Remove the map picture"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("map_upload") and not (data.get("map_alt") or "").strip():
            self.add_error("map_alt", _("Say what the map shows."))
        return data


class LeaderForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=255)
    role = forms.CharField(
        label=_("Position"), max_length=255, help_text=_("e.g. Hiệu trưởng, Phó Hiệu trưởng.")
    )
    photo_upload = forms.ImageField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}),
    )
    phone = forms.CharField(label=_("Telephone"), max_length=64, required=False)
    show_phone = forms.BooleanField(label=_("Show the telephone on the site"), required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    show_email = forms.BooleanField(label=_("Show the e-mail on the site"), required=False)
