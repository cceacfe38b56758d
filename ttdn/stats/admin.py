from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ttdn.stats.models import Dataset, Figure, PressContact, PressDocument, PressPhoto


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "topic", "form_code", "indicator_code", "public", "order"]
    list_filter = ["topic", "public", "key_figure"]
    search_fields = ["code", "name", "name_en"]


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    list_display = ["dataset", "unit_name", "period_label", "value", "revision", "status", "source"]
    list_filter = ["status", "source"]
    raw_id_fields = ["unit", "parent", "round", "submission", "entered_by", "approved_by"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # figures change only as new revisions, through the services


@admin.register(PressContact)
class PressContactAdmin(admin.ModelAdmin):
    list_display = ["unit", "spokesperson", "position", "phone", "email"]
    raw_id_fields = ["unit"]


@admin.register(PressDocument)
class PressDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "kind", "status", "published_at"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["unit", "corrects", "created_by", "published_by", "outgoing", "article"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # press documents move through their review, in the product


@admin.register(PressPhoto)
class PressPhotoAdmin(admin.ModelAdmin):
    list_display = ["caption", "unit", "credit", "created_at"]
    raw_id_fields = ["unit", "image", "cleared_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # only `clear_press_photo` checks the picture and its consents

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # cleared and taken off through the services, which check the consents
