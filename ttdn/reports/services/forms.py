"""Writes of the form editor: forms, their versions, sections, indicators (with their
categories) and the rules across indicators. Each is atomic and audited, and checks its input
whole before anything is written (ValuesInvalid maps a field to its message).

A change to a version that a round uses goes to a copy of it (copy-on-write): the rounds keep
the version they were opened with. The services package re-exports these names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.models import step_in_order
from ttdn.core.text import nfc
from ttdn.org.models import Unit
from ttdn.reports.enums import RuleKind
from ttdn.reports.models import FormVersion, Indicator, ReportForm, Rule, Section
from ttdn.reports.services.indicator_checks import (
    DEFAULTS,
    Categories,
    checked_indicator,
)
from ttdn.reports.validation import ValuesInvalid

# --- Forms and versions ---------------------------------------------------------------------


@transaction.atomic
def create_form(owner: Unit, *, code: str, name: str, by: Any, description: str = "") -> ReportForm:
    """A new form with an empty first version. Raises ValuesInvalid on a taken code."""
    code, name = code.strip(), nfc(name.strip())
    errors = {}
    if ReportForm.objects.filter(code=code).exists():
        errors["code"] = _("A form with this code exists already.")
    if not name:
        errors["name"] = _("Give the form a name.")
    if errors:
        raise ValuesInvalid(errors)
    form = ReportForm.objects.create(
        owner=owner, code=code, name=name, description=nfc(description.strip())
    )
    FormVersion.objects.create(form=form, number=1)
    audit.record(AuditAction.CREATE, form, by=by, unit_id=owner.pk)
    return form


@transaction.atomic
def update_form(form: ReportForm, *, name: str, description: str, by: Any) -> ReportForm:
    """Rename the form or change its description; rounds show the current name."""
    name = nfc(name.strip())
    if not name:
        raise ValuesInvalid({"name": _("Give the form a name.")})
    before = audit.snapshot(form, ["name", "description"])
    form.name, form.description = name, nfc(description.strip())
    form.save(update_fields=["name", "description", "updated_at"])
    changes = audit.diff(before, audit.snapshot(form, ["name", "description"]))
    audit.record(AuditAction.UPDATE, form, by=by, unit_id=form.owner_id, changes=changes)
    return form


def latest_version(form: ReportForm) -> FormVersion:
    version = form.versions.order_by("-number").first()
    assert version is not None, "every form has a first version"
    return version


@dataclass
class _Editable:
    """The version changes go to, and where the objects of the version it copies went."""

    version: FormVersion
    sections: dict[int, Section] = field(default_factory=dict)
    indicators: dict[int, Indicator] = field(default_factory=dict)


@transaction.atomic
def editable_version(form: ReportForm, *, by: Any) -> FormVersion:
    """The version changes go to: the latest, or a copy of it once a round has opened on it
    (so the round keeps the form it was opened with)."""
    return _editable(form, by=by).version


def _editable(form: ReportForm, *, by: Any) -> _Editable:
    version = latest_version(form)
    if not version.in_use:
        return _Editable(version)
    edit = _copy_version(version)
    audit.record(
        AuditAction.CREATE,
        edit.version,
        by=by,
        unit_id=form.owner_id,
        changes={"from": version.number},
    )
    return edit


def _copy_version(version: FormVersion) -> _Editable:
    copy = FormVersion.objects.create(form=version.form, number=version.number + 1)
    edit = _Editable(copy)
    for section in version.sections.all():
        edit.sections[section.pk] = Section.objects.create(
            version=copy, order=section.order, title=section.title
        )
    # Parents before their categories, each group in the form's order.
    for indicator in sorted(version.indicators.all(), key=lambda i: i.parent_id is not None):
        source = indicator.pk
        indicator.pk = None
        indicator.version = copy
        indicator.section = edit.sections[indicator.section_id]
        if indicator.parent_id is not None:
            indicator.parent = edit.indicators[indicator.parent_id]
        indicator.save()
        edit.indicators[source] = indicator
    for rule in version.rules.all():
        rule.pk = None
        rule.version = copy
        rule.save()
    return edit


def _section_in(edit: _Editable, section: Section) -> Section:
    """`section` as it is in the version being edited. Raises ValuesInvalid when it belongs to
    an older version (a page opened before someone else's change)."""
    if section.version_id == edit.version.pk:
        return section
    if section.pk in edit.sections:
        return edit.sections[section.pk]
    raise ValuesInvalid({"": _("The form changed meanwhile: reload the page and try again.")})


def _next_order(items: QuerySet[Any]) -> int:
    return (items.aggregate(top=Max("order"))["top"] or 0) + 1


# --- Sections -------------------------------------------------------------------------------


def _title(title: str) -> str:
    title = nfc(title.strip())
    if not title:
        raise ValuesInvalid({"title": pgettext("report form", "Give the section a title.")})
    return title


@transaction.atomic
def add_section(form: ReportForm, *, title: str, by: Any) -> Section:
    title = _title(title)
    version = _editable(form, by=by).version
    section = Section.objects.create(
        version=version, order=_next_order(version.sections.all()), title=title
    )
    audit.record(AuditAction.CREATE, section, by=by, unit_id=form.owner_id)
    return section


@transaction.atomic
def rename_section(section: Section, *, title: str, by: Any) -> Section:
    title = _title(title)
    form = section.version.form
    target = _section_in(_editable(form, by=by), section)
    changes = {"title": [target.title, title]}
    target.title = title
    target.save(update_fields=["title"])
    audit.record(AuditAction.UPDATE, target, by=by, unit_id=form.owner_id, changes=changes)
    return target


@transaction.atomic
def remove_section(section: Section, *, by: Any) -> FormVersion:
    """Remove an empty section. Raises ValuesInvalid if indicators are in it."""
    form = section.version.form
    edit = _editable(form, by=by)
    target = _section_in(edit, section)
    if target.indicators.exists():
        raise ValuesInvalid(
            {"": _("Only an empty section can be removed: move or remove its indicators first.")}
        )
    audit.record(
        AuditAction.DELETE, target, by=by, unit_id=form.owner_id, changes={"title": target.title}
    )
    target.delete()
    return edit.version


@transaction.atomic
def move_section(section: Section, *, step: int, by: Any) -> Section:
    """One place up (step -1) or down (1); nothing happens at either end."""
    form = section.version.form
    edit = _editable(form, by=by)
    target = _section_in(edit, section)
    sections = list(edit.version.sections.all())
    changed = step_in_order(sections, target, step)
    if changed is not None:
        Section.objects.bulk_update(changed, ["order"])
        audit.record(AuditAction.MOVE, target, by=by, unit_id=form.owner_id)
    return target


# --- Indicators -----------------------------------------------------------------------------


@transaction.atomic
def add_indicator(
    form: ReportForm,
    *,
    section: str | Section,
    by: Any,
    categories: Categories = (),
    **fields: Any,
) -> Indicator:
    """Add an indicator at the end of `section` (a section of the form, or a title: made if
    missing) of the editable version, with its categories. `fields` are Indicator fields
    (code, name, kind, measure, aggregation…). Raises ValuesInvalid."""
    edit = _editable(form, by=by)
    version = edit.version
    checked = checked_indicator(version, {**DEFAULTS, **fields}, categories, current=None)
    if isinstance(section, Section):
        target = _section_in(edit, section)
    else:
        target = version.sections.filter(title=section).first() or Section.objects.create(
            version=version, order=_next_order(version.sections.all()), title=_title(section)
        )
    indicator = Indicator.objects.create(
        version=version,
        section=target,
        order=_next_order(target.indicators.filter(parent=None)),
        **checked,
    )
    _set_categories(indicator, categories)
    audit.record(
        AuditAction.CREATE,
        indicator,
        by=by,
        unit_id=form.owner_id,
        changes={"categories": [key for key, _label in categories]} if categories else None,
    )
    return indicator


@transaction.atomic
def update_indicator(
    indicator: Indicator,
    *,
    by: Any,
    section: Section | None = None,
    categories: Categories | None = None,
    **fields: Any,
) -> Indicator:
    """Change an indicator (and its categories: None keeps them); if a round uses its version,
    the change goes to a new version and the returned indicator is the new version's. A new
    code is carried into its categories and the rules. Raises ValuesInvalid."""
    form = indicator.version.form
    edit = _editable(form, by=by)
    target = _indicator_in(edit.version, indicator)
    before = {**audit.snapshot(target), "categories": _categories_of(target)}
    if categories is None:
        categories = [(c.category_key, c.name) for c in target.categories.all()]
    current = {name: getattr(target, name) for name in DEFAULTS}
    checked = checked_indicator(edit.version, {**current, **fields}, categories, current=target)
    _recode_rules(edit.version, target, checked["code"])
    for name, value in checked.items():
        setattr(target, name, value)
    if section is not None and _section_in(edit, section).pk != target.section_id:
        target.section = _section_in(edit, section)
        target.order = _next_order(target.section.indicators.filter(parent=None))
    target.save()
    _set_categories(target, categories)
    after = {**audit.snapshot(target), "categories": _categories_of(target)}
    audit.record(
        AuditAction.UPDATE, target, by=by, unit_id=form.owner_id, changes=audit.diff(before, after)
    )
    return target


def _indicator_in(version: FormVersion, indicator: Indicator) -> Indicator:
    target = version.indicators.filter(code=indicator.code).first()
    if target is None:
        raise ValuesInvalid({"": _("The form changed meanwhile: reload the page and try again.")})
    if target.parent_id is not None:
        raise ValuesInvalid({"": _("A category is changed through the indicator it breaks down.")})
    return target


def _categories_of(indicator: Indicator) -> list[str]:
    return [f"{c.category_key}: {c.name}" for c in indicator.categories.all()]


@transaction.atomic
def remove_indicator(indicator: Indicator, *, by: Any) -> FormVersion:
    """Remove an indicator and its categories. Raises ValuesInvalid while a rule uses them."""
    form = indicator.version.form
    edit = _editable(form, by=by)
    target = _indicator_in(edit.version, indicator)
    codes = {target.code, *(c.code for c in target.categories.all())}
    for rule in edit.version.rules.all():
        if {rule.left, rule.right} & codes:
            raise ValuesInvalid(
                {
                    "": _("The check “%(rule)s” uses this indicator: remove it first.")
                    % {"rule": _rule_text(rule)}
                }
            )
    audit.record(
        AuditAction.DELETE, target, by=by, unit_id=form.owner_id, changes={"code": target.code}
    )
    target.delete()
    return edit.version


@transaction.atomic
def move_indicator(indicator: Indicator, *, step: int, by: Any) -> Indicator:
    """One place up (step -1) or down (1) in its section, with its categories."""
    form = indicator.version.form
    edit = _editable(form, by=by)
    target = _indicator_in(edit.version, indicator)
    siblings = list(target.section.indicators.filter(parent=None))
    changed = step_in_order(siblings, target, step)
    if changed is not None:
        Indicator.objects.bulk_update(changed, ["order"])
        for sibling in siblings:
            sibling.categories.update(order=sibling.order)
        audit.record(AuditAction.MOVE, target, by=by, unit_id=form.owner_id)
    return target


def _set_categories(parent: Indicator, categories: Categories) -> None:
    """Make the categories of `parent` exactly `categories`, in that order, each sharing the
    parent's kind, aggregation, unit and limits. Safe to recreate: only versions no round uses
    are edited, so no value points at them (rules point at codes)."""
    parent.categories.all().delete()
    Indicator.objects.bulk_create(
        [
            Indicator(
                version=parent.version,
                section=parent.section,
                parent=parent,
                order=parent.order,
                code=f"{parent.code}.{key}",
                name=label,
                kind=parent.kind,
                aggregation=parent.aggregation,
                measure=parent.measure,
                min_value=parent.min_value,
                max_value=parent.max_value,
            )
            for key, label in categories
        ]
    )


def _recode_rules(version: FormVersion, indicator: Indicator, code: str) -> None:
    """Rules name indicators by code: follow a new code of the indicator and its categories."""
    old = indicator.code
    if code == old:
        return
    renamed = {old: code} | {c.code: f"{code}.{c.category_key}" for c in indicator.categories.all()}
    for rule in version.rules.all():
        rule.left, rule.right = (
            renamed.get(rule.left, rule.left),
            renamed.get(rule.right, rule.right),
        )
        rule.save(update_fields=["left", "right"])


# --- Rules ----------------------------------------------------------------------------------


def _rule_text(rule: Rule) -> str:
    sign = "≤" if rule.kind == RuleKind.NOT_GREATER else "&"
    return f"{rule.left} {sign} {rule.right}"


@transaction.atomic
def add_rule(
    form: ReportForm, *, kind: str, left: str, right: str, by: Any, message: str = ""
) -> Rule:
    """A check across two indicators of the editable version: A ≤ B compares two figures;
    “together” any two. Raises ValuesInvalid."""
    version = _editable(form, by=by).version
    indicators = {i.code: i for i in version.indicators.all()}
    left, right = left.strip(), right.strip()
    if not {left, right} <= set(indicators):
        raise ValuesInvalid({"": _("A rule joins two indicators of the form.")})
    if left == right:
        raise ValuesInvalid({"right": _("A rule joins two different indicators.")})
    if kind not in RuleKind.values:
        raise ValuesInvalid({"kind": _("Choose the kind of check.")})
    if kind == RuleKind.NOT_GREATER and not (
        indicators[left].is_numeric and indicators[right].is_numeric
    ):
        raise ValuesInvalid({"kind": _("“A is not greater than B” compares two figures.")})
    if version.rules.filter(kind=kind, left=left, right=right).exists():
        raise ValuesInvalid({"": _("The form has this check already.")})
    rule = Rule.objects.create(
        version=version, kind=kind, left=left, right=right, message=nfc(message.strip())
    )
    audit.record(AuditAction.CREATE, rule, by=by, unit_id=form.owner_id)
    return rule


@transaction.atomic
def remove_rule(rule: Rule, *, by: Any) -> FormVersion:
    form = rule.version.form
    version = _editable(form, by=by).version
    target = version.rules.filter(kind=rule.kind, left=rule.left, right=rule.right).first()
    if target is not None:
        audit.record(
            AuditAction.DELETE,
            target,
            by=by,
            unit_id=form.owner_id,
            changes={"rule": _rule_text(target)},
        )
        target.delete()
    return version


def categories_from_lines(text: str) -> list[tuple[str, str]]:
    """Categories typed one per line as “key: label” (“en: Tiếng Anh”) or a bare key (“en”)."""
    found = []
    for line in nfc(text).splitlines():
        if not line.strip():
            continue
        key, _sep, label = line.partition(":")
        found.append((key.strip(), label.strip() or key.strip()))
    return found
