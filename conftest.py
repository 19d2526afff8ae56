"""Root test set-up shared by doctests in crmlib/ and the tests in tests/."""

import os

os.environ.setdefault("MPLBACKEND", "Agg")
