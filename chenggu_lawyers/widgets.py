"""Form widgets shared by the apps' filters."""

from itertools import islice

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext


class LimitedSelect(forms.Select):
    """A dropdown of a model choice that lists at most `limit` options, for lists whose choices grow with the
    data (a province's or the nation's units and lawyers: tens of thousands of options would cost seconds to
    render and be of no use). The options are read lazily and the reading stops past the limit, so a small
    county sees its whole list in the same single query; a chosen option beyond the limit is still shown, and
    every value still validates against the whole queryset."""

    limit = 200
    template_name = "widgets/limited_select.html"

    def optgroups(self, name, value, attrs=None):
        choices = self.choices
        if isinstance(choices, ModelChoiceIterator):
            # LIMIT in the query itself, so the database stops after the first rows (an index can serve
            # them in order); the field keeps its whole queryset for validation.
            field = choices.field
            shown = [("", field.empty_label)] if field.empty_label is not None else []
            objects = list(choices.queryset[: self.limit + 1])
            shown += [choices.choice(obj) for obj in objects[: self.limit]]
            more = len(objects) > self.limit
        else:
            shown = list(islice(choices, self.limit + 1))
            more = len(shown) > self.limit
        if more:
            shown = shown[: self.limit + 1]
            listed = {str(option) for option, _label in shown}
            missing = [pk for pk in value if pk and str(pk) not in listed]
            if missing and hasattr(choices, "queryset"):
                shown += [
                    (obj.pk, choices.field.label_from_instance(obj)) for obj in choices.queryset.filter(pk__in=missing)
                ]
            shown.append(("", gettext("… more: narrow the list with the other filters")))
        self.choices = shown
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = choices
