from django.contrib import admin

from ttdn.content.models import Article, Consent, Exemplar, Section, Site


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
