"""Concepts point at programs and tracks in the organisation app (state only: same tables)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('concepts', '0001_initial'),
        ('organisation', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='concept',
                    name='program',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='concepts', to='organisation.program', verbose_name='program'),
                ),
                migrations.AlterField(
                    model_name='concept',
                    name='track',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='concepts', to='organisation.track', verbose_name='trial track'),
                ),
            ],
        ),
    ]
