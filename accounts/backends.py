from django.contrib.auth.backends import ModelBackend
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce


class UnitAwareModelBackend(ModelBackend):
    """Loads the account with its unit and its unread-notice count in the one query every request makes.

    The menu shows both on every page; reading them here keeps each page's query count unchanged.
    """

    def get_user(self, user_id):
        from notices.models import Notice

        from .models import User

        unread = (
            Notice.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
            .values("recipient")
            .annotate(count=Count("pk"))
            .values("count")
        )
        user = (
            User._default_manager.select_related("unit")
            .annotate(unread_notices=Coalesce(Subquery(unread, output_field=IntegerField()), 0))
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
