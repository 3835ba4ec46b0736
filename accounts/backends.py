from django.contrib.auth.backends import ModelBackend


class UnitAwareModelBackend(ModelBackend):
    """Loads the account with its unit in the one query every request makes (the menu shows the unit)."""

    def get_user(self, user_id):
        user = self._default_manager_with_unit().filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    @staticmethod
    def _default_manager_with_unit():
        from .models import User

        return User._default_manager.select_related("unit")
