"""`PlanSubmission.request` was the plan that asks for the submission; name it for what it is."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_alter_plancitation_status_taskmention"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="plansubmission",
            name="one_plan_per_unit_request",
        ),
        migrations.RenameField(
            model_name="plansubmission",
            old_name="request",
            new_name="requesting_plan",
        ),
        migrations.AlterField(
            model_name="plansubmission",
            name="requesting_plan",
            field=models.ForeignKey(
                on_delete=models.deletion.CASCADE,
                related_name="submissions",
                to="plans.plan",
                verbose_name="requesting plan",
            ),
        ),
        migrations.AddConstraint(
            model_name="plansubmission",
            constraint=models.UniqueConstraint(
                fields=("requesting_plan", "unit"), name="one_plan_per_unit_request"
            ),
        ),
    ]
