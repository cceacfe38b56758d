"""Give every existing site the sections a school's site has (issue 21): Giới thiệu, Thông báo,
Lịch công tác, Văn bản, and for a school Công khai and Tuyển sinh, after its own sections. A
section whose address is taken already is left as the site has it."""

from django.db import migrations

SECTIONS = [
    ("gioi-thieu", "Giới thiệu", "about", False),
    ("thong-bao", "Thông báo", "notices", False),
    ("lich-cong-tac", "Lịch công tác", "schedule", False),
    ("cong-khai", "Công khai", "disclosure", True),
    ("van-ban", "Văn bản", "library", False),
    ("tuyen-sinh", "Tuyển sinh", "admissions", True),
]
SCHOOL_KINDS = {
    "preschool", "primary", "lower_secondary", "upper_secondary", "multi_level", "continuing",
}  # fmt: skip


def add_sections(apps, schema_editor):
    Site = apps.get_model("content", "Site")
    Section = apps.get_model("content", "Section")
    for site in Site.objects.select_related("unit").iterator():
        taken = set(Section.objects.filter(site=site).values_list("slug", flat=True))
        last = max(Section.objects.filter(site=site).values_list("position", flat=True), default=0)
        school = site.unit.kind in SCHOOL_KINDS
        for slug, title, kind, school_only in SECTIONS:
            if slug in taken or (school_only and not school):
                continue
            last += 1
            Section.objects.create(site=site, slug=slug, title=title, kind=kind, position=last)


class Migration(migrations.Migration):
    dependencies = [("content", "0008_websites")]

    operations = [migrations.RunPython(add_sections, migrations.RunPython.noop)]
