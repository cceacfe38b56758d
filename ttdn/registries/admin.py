"""Operator screens: read-only, since every change of the registries goes through the services
(audited, with their state machines); operators fix data through the product's pages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ttdn.registries.models import Agreement, Conference, Course, Delegation, Inspection, Partner


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Partner)
class PartnerAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "country", "recorded_by"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "folded_name"]


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "partner", "status", "signed_on", "expires_on"]
    list_filter = ["status", "kind"]


@admin.register(Delegation)
class DelegationAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "unit", "status"]
    list_filter = ["status", "direction"]


@admin.register(Conference)
class ConferenceAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "starts_on", "status"]


@admin.register(Course)
class CourseAdmin(ReadOnlyAdmin):
    list_display = ["topic", "unit", "starts_on"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "year", "status"]
    list_filter = ["status", "year"]
