"""Operator screens for commemorations; changes go through the services, so they are audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ttdn.events import services
from ttdn.events.models import Commemoration


@admin.register(Commemoration)
class CommemorationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "day",
        "month",
        "calendar",
        "origin_year",
        "scope",
        "category",
        "unit",
        "verification",
    ]
    list_filter = ["verification", "category", "scope", "calendar"]
    search_fields = ["name", "folded_name", "partner", "source"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["key"]

    def save_model(self, request: HttpRequest, obj: Commemoration, form: Any, change: bool) -> None:
        if change:
            current = Commemoration.objects.get(pk=obj.pk)
            services.update_commemoration(
                current, by=request.user, **{f: form.cleaned_data[f] for f in form.changed_data}
            )
            return
        created = services.create_commemoration(by=request.user, **form.cleaned_data)
        obj.pk = created.pk

    def delete_model(self, request: HttpRequest, obj: Commemoration) -> None:
        services.delete_commemoration(obj, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for commemoration in queryset:
            services.delete_commemoration(commemoration, by=request.user)
