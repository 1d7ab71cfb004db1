"""The organisation's models, moved here from experiments: state only, the tables stay
(experiments_*) until 0002 renames them, so every row and id is kept."""

import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('experiments', '0003_booklet_upload'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='DevelopmentLab',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=120, unique=True, verbose_name='slug')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                    ],
                    options={
                        'db_table': 'experiments_developmentlab',
                        'verbose_name': 'development lab',
                        'verbose_name_plural': 'development labs',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='Institution',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=120, unique=True, verbose_name='slug')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                    ],
                    options={
                        'db_table': 'experiments_institution',
                        'verbose_name': 'institution',
                        'verbose_name_plural': 'institutions',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='Program',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=120, unique=True, verbose_name='slug')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('introduction', models.TextField(blank=True, verbose_name='introduction')),
                        ('lab', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='programs', to='organisation.developmentlab', verbose_name='development lab')),
                        ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='owned_programs', to=settings.AUTH_USER_MODEL, verbose_name='owner at strategic level')),
                    ],
                    options={
                        'db_table': 'experiments_program',
                        'verbose_name': 'program',
                        'verbose_name_plural': 'programs',
                        'ordering': ['title'],
                    },
                ),
                migrations.CreateModel(
                    name='Track',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=120, unique=True, verbose_name='slug')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='owned_tracks', to=settings.AUTH_USER_MODEL, verbose_name='owner at strategic level')),
                        ('program', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='tracks', to='organisation.program', verbose_name='program')),
                    ],
                    options={
                        'db_table': 'experiments_track',
                        'verbose_name': 'trial track',
                        'verbose_name_plural': 'trial tracks',
                        'ordering': ['title'],
                    },
                ),
                migrations.CreateModel(
                    name='Education',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(max_length=120, verbose_name='slug')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('institution', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='educations', to='organisation.institution', verbose_name='institution')),
                    ],
                    options={
                        'db_table': 'experiments_education',
                        'verbose_name': 'education',
                        'verbose_name_plural': 'educations',
                        'ordering': ['name'],
                        'constraints': [models.UniqueConstraint(fields=('institution', 'slug'), name='education_unique_slug_per_institution')],
                    },
                ),
                migrations.CreateModel(
                    name='TrackAlias',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('track', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='aliases', to='organisation.track')),
                    ],
                    options={
                        'db_table': 'experiments_trackalias',
                        'verbose_name': 'track alias',
                        'verbose_name_plural': 'track aliases',
                        'ordering': ['name'],
                        'constraints': [models.UniqueConstraint(django.db.models.functions.text.Lower('name'), name='trackalias_unique_name_ci')],
                    },
                ),
            ],
        ),
    ]
