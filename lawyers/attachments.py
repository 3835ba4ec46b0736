"""Files a unit puts with its certificate application (R3.1): checked and kept as a matter's attachments are
(chenggu_lawyers.uploads), read by the justice bureau beside the application."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chenggu_lawyers.uploads import kept_file_values, store_checked

from .choices import ApplicationStatus
from .models import Application, ApplicationAttachment
from .roles import PEOPLE_KEEPERS

# The unit adds files while the application is still the unit's to complete: waiting for the justice bureau,
# or returned to the unit with a request for proof. A decided application's record is closed.
OPEN_FOR_FILES = (ApplicationStatus.SUBMITTED, ApplicationStatus.RETURNED)


def may_attach_to_application(user, application: Application) -> bool:
    return user.role in PEOPLE_KEEPERS and user.unit_id == application.unit_id and application.status in OPEN_FOR_FILES


@transaction.atomic
def application_attachment_add(*, actor, application: Application, upload) -> ApplicationAttachment:
    """Keep a file with an open application of the actor's unit, after checking it."""
    # Locked: the justice bureau deciding at the same moment decides on the files as they then stand.
    application = Application.objects.select_for_update().get(pk=application.pk)
    if actor.role not in PEOPLE_KEEPERS or actor.unit_id != application.unit_id:
        raise PermissionDenied
    if application.status not in OPEN_FOR_FILES:
        raise ValidationError(_("The application has been decided; files can no longer be added to it."))
    attachment = ApplicationAttachment(application=application, uploaded_by=actor, **kept_file_values(upload))
    store_checked(attachment, upload)
    return attachment
