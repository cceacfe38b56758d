"""Operator screens for units, groups, people and memberships."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from ttdn.core.admin import AuditedAdmin
from ttdn.org import services
from ttdn.org.models import Membership, Unit, UnitChange, UnitGroup, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class TtdnUserAdmin(AuditedAdmin, UserAdmin):
    list_display = [
        "username",
        "email",
        "first_name",
        "last_name",
        "is_staff",
        "is_active",
        "is_demo",
    ]
    list_filter = ["is_staff", "is_active", "is_demo"]
    fieldsets = (*(UserAdmin.fieldsets or ()), ("TTĐN", {"fields": ["is_demo"]}))
    inlines = [MembershipInline]


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["code", "name", "kind", "level", "parent", "closed_on"]
    list_filter = ["kind", "level"]
    search_fields = ["code", "name", "slug"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["path", "depth"]

    def save_model(self, request: HttpRequest, obj: Unit, form: Any, change: bool) -> None:
        """Units change through the services, which keep the tree's paths and the history."""
        data = {f: form.cleaned_data[f] for f in form.changed_data if f != "parent"}
        if not change:
            data = {f: v for f, v in form.cleaned_data.items() if f != "parent"}
            created = services.create_unit(
                parent=form.cleaned_data.get("parent"), by=request.user, **data
            )
            obj.pk = created.pk
            return
        current = Unit.objects.get(pk=obj.pk)
        services.update_unit(current, by=request.user, **data)
        if "parent" in form.changed_data:
            services.move_unit(current, to_parent=form.cleaned_data["parent"], by=request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Unit | None = None) -> bool:
        return False  # units are closed, never deleted: their history must survive


@admin.register(UnitGroup)
class UnitGroupAdmin(AuditedAdmin):
    list_display = ["code", "name", "kind", "owner"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["owner", "members"]


@admin.register(UnitChange)
class UnitChangeAdmin(admin.ModelAdmin):
    list_display = ["unit", "kind", "changed_at", "effective_on", "by"]
    list_filter = ["kind"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
