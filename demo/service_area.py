"""Demo of served-area proposals (#10): the demo organization's staff asked to serve one more district;
the proposal waits on the organization's page for a coordinator to confirm or reject."""

from accounts.selectors import user_by_username
from directory.services import area_propose
from territories.models import Territory
from territories.selectors import territories_all


def load():
    staff = user_by_username("org_staff")
    if staff is None or staff.organization is None or staff.organization.area_proposals.exists():
        return
    org = staff.organization
    current = list(org.served_territories.all()) or [org.territory]
    taken = {t.pk for t in current}
    extra = next((t for t in territories_all() if t.kind == Territory.Kind.DISTRICT and t.pk not in taken), None)
    if extra is not None:
        area_propose(organization=org, territories=[*current, extra], actor=staff)
