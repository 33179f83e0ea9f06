"""The reader's site (issue 18): who edits the front page, how reads are counted, and what the
footer must show (a Vietnamese news site names its licence, responsible editor and address)."""

import os

from newsroom.settings.env import env_bool

# Editors (not only the editor-in-chief) may change the front page.
NEWSROOM_FRONT_PAGE_EDITORS = env_bool("NEWSROOM_FRONT_PAGE_EDITORS", default=False)

# Most read (frontpage.readership): one address reading one article counts once in this many
# seconds; the buffer is written to the database every this many reads or seconds.
NEWSROOM_READ_REPEAT_SECONDS = int(os.environ.get("NEWSROOM_READ_REPEAT_SECONDS", "1800"))
NEWSROOM_READ_FLUSH_EVERY = int(os.environ.get("NEWSROOM_READ_FLUSH_EVERY", "200"))
NEWSROOM_READ_FLUSH_SECONDS = int(os.environ.get("NEWSROOM_READ_FLUSH_SECONDS", "60"))

# The footer and the JSON-LD publisher; each line is left out while its setting is empty.
NEWSROOM_LICENCE = os.environ.get("NEWSROOM_LICENCE", "")
NEWSROOM_RESPONSIBLE_EDITOR = os.environ.get("NEWSROOM_RESPONSIBLE_EDITOR", "")
NEWSROOM_ADDRESS = os.environ.get("NEWSROOM_ADDRESS", "")
NEWSROOM_PHONE = os.environ.get("NEWSROOM_PHONE", "")
NEWSROOM_EMAIL = os.environ.get("NEWSROOM_EMAIL", "")
