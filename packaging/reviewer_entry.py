"""The desktop program's entry point for the packaged build (what `takan-reviewer` runs)."""

import sys

from reviewer_app.main import main

if __name__ == "__main__":
    sys.exit(main())
