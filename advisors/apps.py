from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisorsConfig(AppConfig):
    name = "advisors"
    verbose_name = _("Advisors")

    def ready(self):
        from chenggu_lawyers.inbox import Waiting, register

        from .choices import WAITING_FOR, DispatchStatus
        from .models import Dispatch

        for role, statuses in WAITING_FOR.items():
            for status in statuses:
                register(
                    Waiting(
                        key=f"dispatches-{role}-{status}",
                        label=_("Dispatch requests: %(status)s") % {"status": DispatchStatus(status).label},
                        roles=frozenset({role}),
                        queryset=lambda user, status=status: Dispatch.objects.visible_to(user).filter(status=status),
                        url_name="advisors:dispatch_list",
                        query=f"status={status}",
                    )
                )
