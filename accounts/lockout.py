"""Login lockout: a username from one address, and any usernames from one address (password spraying)."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings


class AddressAwareHandler(AxesDatabaseHandler):
    """Lockout groups are AXES_LOCKOUT_PARAMETERS = [[username, address], address]: the first is locked at
    AXES_FAILURE_LIMIT failures, the second at AXES_FAILURE_LIMIT_PER_ADDRESS (an office behind one NAT
    mistyping passwords is not locked after five)."""

    def get_failures(self, request, credentials=None):
        sums = [
            sum(a.values_list("failures_since_start", flat=True)) for a in self.get_user_attempts(request, credentials)
        ]
        per_user = sums[0] if sums else 0
        per_address = sums[1] if len(sums) > 1 else 0
        # One threshold for axes: scale the per-address count onto the per-user limit.
        scaled = per_address * settings.AXES_FAILURE_LIMIT // settings.AXES_FAILURE_LIMIT_PER_ADDRESS
        return max(per_user, scaled)
