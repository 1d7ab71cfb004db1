"""The organisation's models moved to labportal.organisation (state only: the tables stay)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('concepts', '0002_organisation'),
        ('experiments', '0003_booklet_upload'),
        ('organisation', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='program',
                    name='lab',
                ),
                migrations.RemoveField(
                    model_name='education',
                    name='institution',
                ),
                migrations.AlterField(
                    model_name='experiment',
                    name='education',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='experiments', to='organisation.education', verbose_name='education'),
                ),
                migrations.AlterField(
                    model_name='historicalexperiment',
                    name='education',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.education', verbose_name='education'),
                ),
                migrations.AlterField(
                    model_name='historicalexperiment',
                    name='institution',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.institution', verbose_name='institution'),
                ),
                migrations.AlterField(
                    model_name='experiment',
                    name='institution',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='experiments', to='organisation.institution', verbose_name='institution'),
                ),
                migrations.RemoveField(
                    model_name='program',
                    name='owner',
                ),
                migrations.AlterField(
                    model_name='experiment',
                    name='program',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='experiments', to='organisation.program', verbose_name='program'),
                ),
                migrations.AlterField(
                    model_name='historicalexperiment',
                    name='program',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.program', verbose_name='program'),
                ),
                migrations.RemoveField(
                    model_name='track',
                    name='program',
                ),
                migrations.RemoveField(
                    model_name='track',
                    name='owner',
                ),
                migrations.AlterField(
                    model_name='experiment',
                    name='track',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='experiments', to='organisation.track', verbose_name='trial track'),
                ),
                migrations.RemoveField(
                    model_name='trackalias',
                    name='track',
                ),
                migrations.AlterField(
                    model_name='historicalexperiment',
                    name='track',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.track', verbose_name='trial track'),
                ),
                migrations.DeleteModel(
                    name='DevelopmentLab',
                ),
                migrations.DeleteModel(
                    name='Education',
                ),
                migrations.DeleteModel(
                    name='Institution',
                ),
                migrations.DeleteModel(
                    name='Program',
                ),
                migrations.DeleteModel(
                    name='TrackAlias',
                ),
                migrations.DeleteModel(
                    name='Track',
                ),
            ],
        ),
    ]
