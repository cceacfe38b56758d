"""Input of the activities screens. Forms validate and persist nothing; views hand
`cleaned_data` to a service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.activities.enums import ActivityKind, ActivityStatus, LevelScope, Prize
from ttdn.activities.models import ActivityPhoto, Movement
from ttdn.content.models import Consent
from ttdn.events.models import Commemoration
from ttdn.org.enums import UnitLevel
from ttdn.org.models import Unit, UnitGroup
from ttdn.plans.models import PlanTask
from ttdn.registries.models import Programme

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
COUNTED = "counted"


def _unit_choices(field: Any, units: QuerySet[Unit, Any]) -> None:
    field.queryset = units.order_by("path")
    field.label_from_instance = lambda unit: unit.short_name or unit.name


class ActivityForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Organising unit"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Title"), max_length=255)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=DATE)
    place = forms.CharField(
        label=pgettext_lazy("activity", "Place"), max_length=255, required=False
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    officials = forms.IntegerField(label=_("Officials"), min_value=0, initial=0)
    teachers = forms.IntegerField(label=_("Teachers"), min_value=0, initial=0)
    pupils = forms.IntegerField(label=_("Pupils"), min_value=0, initial=0)
    parents = forms.IntegerField(label=_("Parents"), min_value=0, initial=0)
    foreign_guests = forms.IntegerField(label=_("Foreign guests"), min_value=0, initial=0)
    tasks = forms.ModelMultipleChoiceField(
        label=_("Plan tasks it carries out"), queryset=PlanTask.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    commemoration = forms.ModelChoiceField(
        label=_("Commemoration it marks"), queryset=Commemoration.objects.none(), required=False
    )
    movement = forms.ModelChoiceField(
        label=_("Emulation movement"), queryset=Movement.objects.none(), required=False
    )
    programme = forms.ModelChoiceField(
        label=_("Cooperation programme it belongs to"),
        queryset=Programme.objects.none(),
        required=False,
    )
    co_organisers = forms.ModelMultipleChoiceField(
        label=_("Co-organisers"), queryset=Unit.objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        units: QuerySet[Unit, Any],
        tasks: QuerySet[PlanTask],
        commemorations: QuerySet[Commemoration],
        movements: QuerySet[Movement],
        programmes: QuerySet[Programme],
        partners: QuerySet[Unit, Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _unit_choices(self.fields["unit"], units)
        _unit_choices(self.fields["co_organisers"], partners)
        self.fields["tasks"].queryset = tasks  # type: ignore[attr-defined]
        self.fields["commemoration"].queryset = commemorations  # type: ignore[attr-defined]
        self.fields["movement"].queryset = movements  # type: ignore[attr-defined]
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("An activity cannot end before it starts."))
        return data


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    unit = forms.CharField(label=_("Unit code"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *ActivityKind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), (COUNTED, _("Recorded or verified")), *ActivityStatus.choices],
        required=False,
    )
    since = forms.DateField(label=_("From"), required=False, widget=DATE)
    until = forms.DateField(label=_("To"), required=False, widget=DATE)


class PhotoForm(forms.Form):
    file = forms.ImageField(label=_("Photo"))
    alt = forms.CharField(
        label=_("Alternative text"), max_length=255,
        help_text=_("What the picture shows, for people who cannot see it."),
    )  # fmt: skip
    caption = forms.CharField(label=_("Caption"), max_length=500, required=False)
    shows_pupils = forms.BooleanField(label=_("Pupils can be recognised"), required=False)
    consent = forms.ModelChoiceField(
        label=_("Guardian's consent"), queryset=Consent.objects.none(), required=False
    )

    def __init__(self, *args: Any, consents: QuerySet[Consent], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].queryset = consents  # type: ignore[attr-defined]


class FileForm(forms.Form):
    file = forms.FileField(
        label=_("Document"), help_text=_("PDF, Word, Excel, PowerPoint or OpenDocument files.")
    )


class ArticleDraftForm(forms.Form):
    photos = forms.ModelMultipleChoiceField(
        label=_("Photos for the article"), queryset=ActivityPhoto.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args: Any, photos: QuerySet[ActivityPhoto], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["photos"]
        field.queryset = photos
        field.label_from_instance = lambda photo: photo.caption or photo.image.alt


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class MovementForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Owner unit"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Title"), max_length=255)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)
    criteria = forms.CharField(
        label=_("Criteria"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, units: QuerySet[Unit, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _unit_choices(self.fields["unit"], units)


class RegistrationForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    pledge = forms.CharField(
        label=_("Pledge"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, units: QuerySet[Unit, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _unit_choices(self.fields["unit"], units)


class ContestForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Organiser"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Title"), max_length=255)
    year = forms.IntegerField(label=_("School year starting"), min_value=2000, max_value=2100)
    international = forms.BooleanField(
        label=_("International contest"), required=False,
        help_text=_("Held abroad or between countries: its prizes count as international awards."),
    )  # fmt: skip
    rules_text = forms.CharField(
        label=_("Entry rules"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    entries_per_unit = forms.IntegerField(
        label=_("Entries per unit"), min_value=0, initial=0, help_text=_("0: no limit")
    )
    team_size = forms.IntegerField(label=_("Pupils per entry at most"), min_value=1, initial=1)
    entries_close_on = forms.DateField(label=_("Entries close on"), required=False, widget=DATE)
    signer_position = forms.CharField(
        label=_("Certificates signed by (position)"), max_length=100, required=False,
        help_text=_("e.g. KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG"),
    )  # fmt: skip
    signer_name = forms.CharField(label=_("Signer's name"), max_length=100, required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _unit_choices(self.fields["unit"], units)


class LevelForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    scope = forms.ChoiceField(label=pgettext_lazy("contest", "Rounds"), choices=LevelScope.choices)
    unit_level = forms.ChoiceField(
        label=_("Level of the tree"), choices=[("", "—"), *UnitLevel.choices], required=False
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Groups"), queryset=UnitGroup.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    advance_quota = forms.IntegerField(
        label=_("Entries advancing per round"), min_value=0, initial=0, help_text=_("0: no limit")
    )
    jurors: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Jury"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args: Any, groups: QuerySet[UnitGroup], people: QuerySet[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = groups  # type: ignore[attr-defined]
        self.fields["jurors"].queryset = people  # type: ignore[attr-defined]


class EntryForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("School"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Entry (work or team name)"), max_length=255)
    pupils = forms.CharField(
        label=_("Pupils"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One pupil a line, with the class: “Nguyễn Minh An — 8A”."),
    )  # fmt: skip
    public_consent = forms.BooleanField(
        label=_("The guardians consent to publishing the names"), required=False
    )

    def __init__(self, *args: Any, units: QuerySet[Unit, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _unit_choices(self.fields["unit"], units)

    def clean_pupils(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["pupils"].splitlines() if line.strip()]


class ResultForm(forms.Form):
    score = forms.DecimalField(
        label=_("Score"), max_digits=6, decimal_places=2, min_value=0, required=False
    )
    prize = forms.ChoiceField(
        label=_("Prize"), choices=[("", _("No prize")), *Prize.choices], required=False
    )
