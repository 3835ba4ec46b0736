"""Pieces the guarantees pages share: the year of a report and the decision step of a workflow."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views import View

from chenggu_lawyers.forms import add_service_error
from chenggu_lawyers.views import ScopedQuerysetMixin


def year_context(year: int) -> dict:
    return {"year": year, "previous_year": year - 1, "next_year": year + 1}


class DecideView(ScopedQuerysetMixin, View):
    """POST-only decision on one row; a refused decision re-shows the row's page with the message and input.

    The row comes through the scoping rule, so another unit's row answers 404; `may_decide` says whether
    this user may decide this row in its current state (403 otherwise).
    """

    form_class = None
    detail_template = ""

    def may_decide(self, obj) -> bool:
        raise NotImplementedError

    def act(self, obj, data):
        raise NotImplementedError

    def detail_context(self, obj, form) -> dict:
        return {"object": obj, "decision_form": form}

    def post(self, request, pk):
        obj = get_object_or_404(self.get_queryset(), pk=pk)
        if not self.may_decide(obj):
            raise PermissionDenied
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.act(obj, form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                return HttpResponseRedirect(obj.get_absolute_url())
        return render(request, self.detail_template, self.detail_context(obj, form), status=400)
