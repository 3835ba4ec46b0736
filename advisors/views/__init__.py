"""The advisors app's views: engagements, the talent pool and dispatches."""

from chenggu_lawyers.forms import add_service_error
from chenggu_lawyers.views import ScopedActionView as ObjectActionView

__all__ = ["ObjectActionView", "add_service_error"]
