"""Nightly: recompute every person's isolation risk (days without contact grow by themselves). Idempotent: it
only writes the stored level; it sends nothing."""

import time

from ties import services


def recompute_isolation_risk():
    started = time.monotonic()
    count = services.risk_recompute_all()
    return f"риск одиночества пересчитан: {count} чел. за {time.monotonic() - started:.1f} с"
