"""`takan serve` with short upload leases, for the fault tests (tests/e2e): a PATCH killed with
its process keeps its upload leased until the lease runs out (30 s in production: a lease held
by a dead process cannot be told from one held by a live one on another server). The tests kill
the server a dozen times; 6 s leases keep them to minutes. Nothing else differs.

    python -m tests.support.short_lease_server   (with TAKAN_* settings in the environment)
"""

import os
import sys
from datetime import timedelta

from server.domain.evidence import uploads

LEASE_SECONDS = float(os.environ.get("TAKAN_TEST_UPLOAD_LEASE_SECONDS", "6"))

if __name__ == "__main__":
    uploads.LEASE = timedelta(seconds=LEASE_SECONDS)
    uploads.RENEW_AFTER = timedelta(seconds=LEASE_SECONDS / 3)
    from server.cli import main

    sys.exit(main(["serve"]))
