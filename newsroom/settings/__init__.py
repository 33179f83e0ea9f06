"""Settings for the newsroom, driven by environment variables; ``newsroom.settings`` is the
module Django loads.

Every variable is listed in the README. The defaults suit one machine (SQLite, local files,
local-memory cache); production sets DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL,
REDIS_URL and NEWSROOM_BASE_URL. ``base`` holds the core; each integration has its own module
(the editor, the content policy, logging in, static files and compression, media storage),
read in this order.
"""

from newsroom.settings.base import *  # noqa: F403
from newsroom.settings.content_policy import *  # noqa: F403
from newsroom.settings.editor import *  # noqa: F403
from newsroom.settings.login import *  # noqa: F403

# --- Operations (issue 21): health check and request log first, the project package as an app
from newsroom.settings.operations import *  # noqa: F403
from newsroom.settings.operations import (
    OPERATIONS_APPS,
    OPERATIONS_MIDDLEWARE,
    OPERATIONS_SILENCED_CHECKS,
)
from newsroom.settings.reader import *  # noqa: F403
from newsroom.settings.static import *  # noqa: F403
from newsroom.settings.storage import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, *OPERATIONS_APPS]  # noqa: F405
MIDDLEWARE = [*OPERATIONS_MIDDLEWARE, *MIDDLEWARE]  # noqa: F405
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, *OPERATIONS_SILENCED_CHECKS]  # noqa: F405
