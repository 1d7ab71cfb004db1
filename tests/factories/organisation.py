import factory

from labportal.organisation.models import Institution, Program, Track


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"program-{n}")
    title = factory.Sequence(lambda n: f"Program {n}")


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    slug = factory.Sequence(lambda n: f"spor-{n}")
    title = factory.Sequence(lambda n: f"Forsøgsspor {n}")
    program = factory.SubFactory(ProgramFactory)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    slug = factory.Sequence(lambda n: f"institution-{n}")
    name = factory.Sequence(lambda n: f"Institution {n}")
