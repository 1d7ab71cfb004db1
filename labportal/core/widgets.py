"""Widgets the portal's forms share."""

from django import forms


class PeoplePicker(forms.CheckboxSelectMultiple):
    """Several people from a long list: a checkbox per person in a scrolling box, with a
    search field that narrows the list (static/js/people_picker.js; without JavaScript the
    whole list is there to tick). Replaces a multiple select that needs Ctrl-click."""

    template_name = "core/widgets/people_picker.html"
