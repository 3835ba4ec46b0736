from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from accounts.choices import Role

from .search import SEARCHERS


class HelpView(LoginRequiredMixin, TemplateView):
    """The 使用说明 of the user's own role: one address, each role reads its own page (templates/help/)."""

    def get_template_names(self):
        return [f"help/{Role(self.request.user.role).value}.html"]

    def get_context_data(self, **kwargs):
        user = self.request.user
        return {**super().get_context_data(**kwargs), "may_search": user.role in SEARCHERS}
