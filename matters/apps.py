from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MattersConfig(AppConfig):
    name = "matters"
    verbose_name = _("Matters")

    def ready(self):
        from chenggu_lawyers.inbox import Waiting, register

        from .choices import AssignmentStatus, MatterStatus
        from .models import Assignment, Matter
        from .roles import ASSIGNEES, MATTER_KEEPERS

        register(
            Waiting(
                key="assignments-pending",
                label=_("Matters assigned to me, waiting for my answer"),
                roles=ASSIGNEES,
                queryset=lambda user: (
                    Assignment.objects.visible_to(user)
                    .filter(person_id=user.person_id, status=AssignmentStatus.PENDING)
                    .exclude(matter__status=MatterStatus.CLOSED)
                ),
                url_name="matters:my_matters",
                query=f"status={AssignmentStatus.PENDING}&open=true",
            )
        )
        register(
            Waiting(
                key="matters-open",
                label=_("Matters waiting for assignment"),
                roles=MATTER_KEEPERS,
                queryset=lambda user: Matter.objects.visible_to(user).filter(status=MatterStatus.OPEN),
                url_name="matters:matter_list",
                query=f"status={MatterStatus.OPEN}",
            )
        )
