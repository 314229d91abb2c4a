"""``python -m search_ui.cli``: the ``hdnd`` command without its installed script."""

import sys

from search_ui.cli import main

sys.exit(main())
