from django.contrib import admin

from ttdn.content.models import Album, Article, Consent, Exemplar, Leader, Section, Site


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["unit", "colour", "contact"]
    search_fields = ["unit__name", "unit__code"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "site", "kind", "position"]
    list_filter = ["kind"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Read-only for operators: every write goes through the editorial workflow."""

    list_display = ["title", "site", "status", "classification", "published_at"]
    list_filter = ["status", "classification", "language"]
    search_fields = ["title"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(Exemplar)
class ExemplarAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "site", "is_public"]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["pupil", "given_by", "valid_until", "site"]


@admin.register(Album)
class AlbumAdmin(admin.ModelAdmin):
    """Read-only for operators, as articles: every write goes through the workflow."""

    list_display = ["title", "site", "date", "status"]
    list_filter = ["status"]
    search_fields = ["title"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(Leader)
class LeaderAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "site", "position"]
