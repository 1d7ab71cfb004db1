import factory

from labportal.accounts.models import User
from labportal.accounts.services import user_set_roles


class UserFactory(factory.django.DjangoModelFactory):
    """A person; pass roles=["staff", "strategic", ...] to put them in role groups."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    first_name = factory.Faker("first_name", locale="da_DK")
    last_name = factory.Faker("last_name", locale="da_DK")
    password = factory.django.Password("secret-password")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            user_set_roles(user=self, roles=list(extracted))
