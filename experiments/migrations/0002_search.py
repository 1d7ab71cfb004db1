"""Full-text search on PostgreSQL (filled in by the search work; a no-op elsewhere)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("experiments", "0001_initial")]

    operations = []
