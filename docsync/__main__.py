"""``python -m docsync`` is ``docsync``."""

import sys

from docsync.cli import main

sys.exit(main())
