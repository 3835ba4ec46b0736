from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from django.db.models import Exists, OuterRef, Q

        from accounts.choices import Role
        from chenggu_lawyers.inbox import Waiting, register
        from lawyers.choices import AnnualGrade
        from lawyers.eligibility import register_grade_record

        from .choices import CommitteeStatus, SummaryStatus
        from .models import Assessment, Committee, UnitSummary

        # The home page's to-do inbox: the committees a member still has to score for (scoring, or reopened by
        # a return), and the evaluations waiting for the justice bureau's review.
        register(
            Waiting(
                key="committees-to-score",
                label=_("Assessments waiting for my scores"),
                roles=frozenset({Role.COMMITTEE_MEMBER}),
                queryset=lambda user: (
                    Committee.objects.visible_to(user)
                    .filter(members=user, status__in=[CommitteeStatus.SCORING, CommitteeStatus.RETURNED])
                    .exclude(submissions__member=user)
                ),
                url_name="assessments:year_list",
            )
        )
        register(
            Waiting(
                key="committees-to-review",
                label=_("Initial evaluations waiting for review"),
                roles=frozenset({Role.JUSTICE_BUREAU}),
                queryset=lambda user: Committee.objects.visible_to(user).filter(status=CommitteeStatus.SUBMITTED),
                url_name="assessments:year_list",
            )
        )
        # Summaries waiting for the committee's decision, and returned ones
        # waiting for the unit (each role sees only its own through the summaries' scoping rule).
        for role, status, label in (
            (Role.COMMITTEE_MEMBER, SummaryStatus.SUBMITTED, _("Unit summaries waiting for the committee")),
            (Role.UNIT_OFFICER, SummaryStatus.RETURNED, _("Unit summaries returned for revision")),
        ):
            register(
                Waiting(
                    key=f"summaries-{role}-{status}",
                    label=label,
                    roles=frozenset({role}),
                    queryset=lambda user, status=status: UnitSummary.objects.visible_to(user).filter(status=status),
                    url_name="assessments:summary_years",
                )
            )

        def incompetent_last_year(day):
            return Assessment.objects.filter(
                committee__year__year=day.year - 1, civil_servant_grade=AnnualGrade.INCOMPETENT
            )

        # Art. 6: the previous year's civil-servant grade 不称职, as recorded in the portal's assessment of
        # that year, bars a person from being put forward (DOMAIN.md, clarifications).
        register_grade_record(
            lambda day: Q(Exists(incompetent_last_year(day).filter(person=OuterRef("pk")))),
            lambda person, day: (
                [
                    _("The civil-servant assessment of %(year)s recorded in the portal is 不称职 (incompetent).")
                    % {"year": day.year - 1}
                ]
                if incompetent_last_year(day).filter(person=person).exists()
                else []
            ),
        )
