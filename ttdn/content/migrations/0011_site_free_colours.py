"""A site's two colours become free #rrggbb values (checked for contrast), from palette names."""

from django.db import migrations, models

import ttdn.content.colours

HEX = {
    "navy": "#0b4f8a",
    "red": "#9b1c1c",
    "green": "#1d5e2a",
    "teal": "#00605e",
    "purple": "#5b2a86",
}


def to_hex(apps, schema_editor):
    Site = apps.get_model("content", "Site")
    for site in Site.objects.all():
        site.colour = HEX.get(site.colour, HEX["navy"])
        site.accent = HEX.get(site.accent, HEX["red"])
        site.save(update_fields=["colour", "accent"])


def to_names(apps, schema_editor):
    Site = apps.get_model("content", "Site")
    names = {value: name for name, value in HEX.items()}
    for site in Site.objects.all():
        site.colour = names.get(site.colour, "navy")
        site.accent = names.get(site.accent, "red")
        site.save(update_fields=["colour", "accent"])


class Migration(migrations.Migration):
    dependencies = [("content", "0010_image_other_consents")]

    operations = [
        migrations.AlterField(
            model_name="site",
            name="colour",
            field=models.CharField(
                default="#0b4f8a", max_length=7, verbose_name="colour",
                validators=[ttdn.content.colours.check_header],
            ),
        ),
        migrations.AlterField(
            model_name="site",
            name="accent",
            field=models.CharField(
                default="#9b1c1c", max_length=7, verbose_name="second colour",
                validators=[ttdn.content.colours.check_accent],
            ),
        ),
        migrations.RunPython(to_hex, to_names),
    ]
