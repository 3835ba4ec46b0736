from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawyersConfig(AppConfig):
    name = "lawyers"
    verbose_name = _("Lawyers")

    def ready(self):
        from chenggu_lawyers.inbox import Waiting, register

        from .choices import WAITING_FOR, ApplicationStatus
        from .models import Application

        # The justice bureau reviews submitted applications and records approved ones' certificates; the unit
        # answers returned ones (lawyers.choices.WAITING_FOR, as the list's "waiting for me" filter reads it).
        for role, statuses in WAITING_FOR.items():
            for status in statuses:
                register(
                    Waiting(
                        key=f"applications-{role}-{status}",
                        label=ApplicationStatus(status).label,
                        roles=frozenset({role}),
                        queryset=lambda user, status=status: Application.objects.visible_to(user).filter(status=status),
                        url_name="lawyers:application_list",
                        query=f"status={status}",
                    )
                )
