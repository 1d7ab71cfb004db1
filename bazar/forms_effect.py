"""The effect survey's form: what became of the practice (four big choices) and a comment.
effect.survey_answer checks everything again; the form only turns the POST into values and
says in Danish what is wrong with it."""

from django import forms
from django.utils.translation import gettext_lazy

from .enums import Outcome
from .models_followup import COMMENT_MAX_LENGTH

CHOOSE_OUTCOME = gettext_lazy("Choose what became of the practice.")
OUTCOME_HINTS = {
    Outcome.IMPLEMENTED: gettext_lazy("It is part of how we work now."),
    Outcome.DEVELOPED: gettext_lazy("We have changed it and carried it on in our own way."),
    Outcome.NEW_ACTIVITIES: gettext_lazy("It led us to start something else."),
    Outcome.NOT_PURSUED: gettext_lazy("We have not taken it further (yet)."),
}


class OutcomeTiles(forms.RadioSelect):
    """The four outcomes as big radio tiles (the interest card's tile styles)."""

    template_name = "bazar/survey/outcome_tiles.html"
    option_template_name = "bazar/includes/commitment_option.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["hint"] = OUTCOME_HINTS.get(value, "")
        return option


class SurveyForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("What became of the practice?"),
        choices=Outcome.choices,
        widget=OutcomeTiles,
        error_messages={"required": CHOOSE_OUTCOME, "invalid_choice": CHOOSE_OUTCOME},
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        help_text=gettext_lazy("What worked, what did you change, what stood in the way?"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": COMMENT_MAX_LENGTH}),
    )
