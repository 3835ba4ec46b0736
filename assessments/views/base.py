from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views import View

from chenggu_lawyers.views import ScopedQuerysetMixin


class ServicePostView(ScopedQuerysetMixin, View):
    """A button that runs one service on one object: the message says what happened, or why not."""

    http_method_names = ["post"]
    success_message = ""

    def post(self, request, *args, **kwargs):
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        try:
            self.act()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.success_message)
        return HttpResponseRedirect(self.object.get_absolute_url())

    def act(self):
        raise NotImplementedError
