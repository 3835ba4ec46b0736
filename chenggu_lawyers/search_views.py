from django.views.generic import TemplateView

from .punctuation import with_note
from .search import MAX_LENGTH, SEARCHERS, kinds_for, normalise, search
from .views import RoleRequiredMixin


class SearchView(RoleRequiredMixin, TemplateView):
    allowed_roles = SEARCHERS
    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        text = normalise(self.request.GET.get("q", ""))
        kinds = kinds_for(self.request.user)
        return {
            **super().get_context_data(**kwargs),
            "query": text,
            "max_length": MAX_LENGTH,
            "kinds": kinds,
            # 人员（姓名或完整的身份证号）、执业证（…）: what each kind is found by.
            "kind_labels": [with_note(kind.label, kind.found_by) for kind in kinds],
            "groups": search(self.request.user, text),
        }
