import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("experiments", "0002_search"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="BookletUpload",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="token")),
                ("file", models.FileField(upload_to="booklets/%Y/%m/", verbose_name="file")),
                ("original_name", models.CharField(max_length=255, verbose_name="file name")),
                ("program_slug", models.SlugField(blank=True, max_length=120, verbose_name="program slug")),
                ("status", models.CharField(choices=[("checked", "Checked (dry run)"), ("queued", "Queued"), ("running", "Importing"), ("done", "Imported"), ("failed", "Failed")], default="checked", max_length=20, verbose_name="status")),
                ("dry_run_report", models.JSONField(blank=True, default=dict, verbose_name="dry-run report")),
                ("report", models.JSONField(blank=True, default=dict, verbose_name="import report")),
                ("error", models.TextField(blank=True, verbose_name="error")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="finished at")),
                ("uploaded_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="uploaded by")),
            ],
            options={
                "verbose_name": "booklet upload",
                "verbose_name_plural": "booklet uploads",
                "ordering": ["-created_at"],
            },
        ),
    ]
