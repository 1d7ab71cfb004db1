"""The organisation's tables take the app's name (experiments_* → organisation_*), rows and
ids untouched, and their content types follow (admin log entries and permissions keep
pointing at them)."""

from django.db import migrations

MODELS = ["developmentlab", "institution", "program", "track", "education", "trackalias"]


def content_types_to(source, target):
    def move(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType").objects.using(
            schema_editor.connection.alias
        )
        moving = content_types.filter(app_label=source, model__in=MODELS)
        # Rows the target may already have (a partial earlier migrate) give way to the old ones.
        content_types.filter(
            app_label=target, model__in=moving.values_list("model", flat=True)
        ).delete()
        moving.update(app_label=target)

    return move


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("organisation", "0001_initial"),
        ("experiments", "0004_organisation_moved_out"),
        ("concepts", "0002_organisation"),
    ]

    operations = [
        *(migrations.AlterModelTable(name=model, table=None) for model in MODELS),
        migrations.RunPython(
            content_types_to("experiments", "organisation"),
            content_types_to("organisation", "experiments"),
        ),
    ]
