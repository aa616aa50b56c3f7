"""``python -m geoapp``: see :mod:`geoapp.cli`."""

import sys

from geoapp.cli import main

sys.exit(main())
