"""The organisation's models moved to labportal.organisation (state only: the tables stay,
and organisation 0002 renames them). Experiments' references now point there."""

from django.db import migrations, models
from django.db.models.deletion import DO_NOTHING, PROTECT, SET_NULL

MOVED = ["developmentlab", "education", "institution", "program", "trackalias", "track"]
# Links between the moved models, dropped from this app's state before the models go.
LINKS = [
    ("program", "lab"),
    ("program", "owner"),
    ("track", "program"),
    ("track", "owner"),
    ("trackalias", "track"),
    ("education", "institution"),
]
# field: (on_delete, may be empty, verbose name)
REFERENCES = {
    "institution": (PROTECT, True, "institution"),
    "education": (SET_NULL, True, "education"),
    "program": (PROTECT, False, "program"),
    "track": (PROTECT, True, "trial track"),
}


def references():
    for name, (on_delete, optional, label) in REFERENCES.items():
        to = f"organisation.{name}"
        yield migrations.AlterField(
            "experiment",
            name,
            models.ForeignKey(
                blank=optional,
                null=optional,
                on_delete=on_delete,
                related_name="experiments",
                to=to,
                verbose_name=label,
            ),
        )
        yield migrations.AlterField(
            "historicalexperiment",
            name,
            models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=DO_NOTHING,
                related_name="+",
                to=to,
                verbose_name=label,
            ),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("concepts", "0002_organisation"),
        ("experiments", "0003_booklet_upload"),
        ("organisation", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                *(migrations.RemoveField(model, field) for model, field in LINKS),
                *references(),
                *(migrations.DeleteModel(model) for model in MOVED),
            ],
        ),
    ]
