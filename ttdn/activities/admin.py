"""Operator screens: read-only, because every change of an activity, a movement or a contest
goes through its audited service (and an activity's status through `transition_activity` only)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ttdn.activities.models import Activity, Contest, Entry, Movement


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "kind", "starts_on", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "unit__code"]


@admin.register(Movement)
class MovementAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "starts_on", "ends_on"]
    search_fields = ["title", "unit__code"]


@admin.register(Contest)
class ContestAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "year"]
    search_fields = ["title", "unit__code"]


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    list_display = ["title", "contest", "unit"]
    search_fields = ["title", "unit__code"]
