"""`python -m commands ...`: the same as the `reference-apis` console script."""

import sys

from commands.cli import main

sys.exit(main())
