from .committees import *  # noqa: F403
from .summaries import *  # noqa: F403
from .years import *  # noqa: F403
