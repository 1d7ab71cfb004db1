"""The invitations page's input: whom to invite, for which education, in which role."""

from django import forms
from django.utils.translation import gettext_lazy as _

from labportal.organisation.models import Education

from .enums import PersonRole
from .invitations import invitable_people


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


class EducationField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.institution.name} – {obj.name}"


class InviteForm(forms.Form):
    user = PersonField(label=_("Person"), queryset=None, empty_label=_("Choose a person"))
    education = EducationField(
        label=_("Education"), queryset=None, empty_label=_("Choose an education")
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("Choose a role")), *PersonRole.choices]
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = invitable_people()
        self.fields["education"].queryset = (
            Education.objects.filter(institution__bazar_events=event)
            .select_related("institution")
            .order_by("institution__name", "name")
        )
