"""Albums of photos and videos and the structured about page (issue 21); every existing site
gets the section "Thư viện ảnh – video" at the end of its menu, unless the address is taken."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def add_albums_section(apps, schema_editor):
    Site = apps.get_model("content", "Site")
    Section = apps.get_model("content", "Section")
    for site in Site.objects.iterator():
        sections = Section.objects.filter(site=site)
        if (
            sections.filter(slug="thu-vien-anh-video").exists()
            or sections.filter(kind="albums").exists()
        ):
            continue
        last = max(sections.values_list("position", flat=True), default=0)
        Section.objects.create(
            site=site,
            slug="thu-vien-anh-video",
            title="Thư viện ảnh – video",
            kind="albums",
            position=last + 1,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0011_site_free_colours"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="section",
            name="kind",
            field=models.CharField(
                choices=[
                    ("news", "News and activities"),
                    ("achievements", "Outstanding achievements"),
                    ("exemplars", "Exemplary figures"),
                    ("international", "International integration"),
                    ("documents", "Documents on external information"),
                    ("about", "About the school"),
                    ("notices", "Notices"),
                    ("admissions", "Admissions"),
                    ("schedule", "Work schedule"),
                    ("disclosure", "Public disclosure"),
                    ("library", "Documents of the unit"),
                    ("albums", "Photo and video albums"),
                    ("other", "Other"),
                ],
                default="other",
                max_length=13,
                verbose_name="kind",
            ),
        ),
        migrations.CreateModel(
            name="AboutPage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, editable=False, verbose_name="created at"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                ("history", models.TextField(blank=True, verbose_name="history")),
                (
                    "organisation",
                    models.TextField(
                        blank=True, max_length=5000, verbose_name="organisational structure"
                    ),
                ),
                (
                    "map_image",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="content.image",
                        verbose_name="map picture",
                    ),
                ),
                (
                    "site",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="about",
                        to="content.site",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "about page",
                "verbose_name_plural": "about pages",
            },
        ),
        migrations.CreateModel(
            name="Album",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, editable=False, verbose_name="created at"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                ("title", models.CharField(max_length=255, verbose_name="title")),
                (
                    "description",
                    models.TextField(blank=True, max_length=2000, verbose_name="description"),
                ),
                ("date", models.DateField(verbose_name="date")),
                (
                    "is_featured",
                    models.BooleanField(default=False, verbose_name="featured on the home page"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("in_review", "In review"),
                            ("returned", "Returned"),
                            ("approved", "Approved"),
                            ("published", "Published"),
                            ("unpublished", "Unpublished"),
                        ],
                        default="draft",
                        max_length=11,
                        verbose_name="status",
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="published at"),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "site",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="albums",
                        to="content.site",
                    ),
                ),
            ],
            options={
                "verbose_name": "album",
                "verbose_name_plural": "albums",
                "ordering": ["site", "-date", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="AlbumItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("photo", "Photo"), ("video", "Video")],
                        max_length=5,
                        verbose_name="kind",
                    ),
                ),
                (
                    "video_url",
                    models.URLField(blank=True, max_length=500, verbose_name="video link"),
                ),
                ("caption", models.CharField(blank=True, max_length=500, verbose_name="caption")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "album",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="items",
                        to="content.album",
                    ),
                ),
                (
                    "image",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="album_item",
                        to="content.image",
                        verbose_name="picture",
                    ),
                ),
            ],
            options={
                "verbose_name": "album item",
                "verbose_name_plural": "album items",
                "ordering": ["album", "position", "pk"],
            },
        ),
        migrations.AddField(
            model_name="album",
            name="cover",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="content.albumitem",
                verbose_name="cover",
            ),
        ),
        migrations.CreateModel(
            name="Leader",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=255, verbose_name="name")),
                ("role", models.CharField(max_length=255, verbose_name="position")),
                ("phone", models.CharField(blank=True, max_length=64, verbose_name="telephone")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                (
                    "show_phone",
                    models.BooleanField(
                        default=False, verbose_name="show the telephone on the site"
                    ),
                ),
                (
                    "show_email",
                    models.BooleanField(default=False, verbose_name="show the e-mail on the site"),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "photo",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="content.image",
                        verbose_name="photo",
                    ),
                ),
                (
                    "site",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="leaders",
                        to="content.site",
                    ),
                ),
            ],
            options={
                "verbose_name": "leader",
                "verbose_name_plural": "leaders",
                "ordering": ["site", "position", "pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="albumitem",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "video"), ("video_url__gt", "")),
                    models.Q(("image__isnull", False), ("kind", "photo")),
                    _connector="OR",
                ),
                name="album_item_photo_or_video",
            ),
        ),
        migrations.AddIndex(
            model_name="album",
            index=models.Index(fields=["site", "status", "-date"], name="album_site_list"),
        ),
        migrations.RunPython(add_albums_section, migrations.RunPython.noop),
    ]
