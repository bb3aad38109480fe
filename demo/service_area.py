"""Demo of served-area proposals (#10): the demo organization's staff asked to serve one more district;
the proposal waits on the organization's page for a coordinator to confirm or reject."""

from accounts.models import User
from directory.models import AreaProposal
from directory.services import area_propose
from territories.models import Territory


def load():
    staff = User.objects.filter(username="org_staff").select_related("organization").first()
    if staff is None or staff.organization is None or AreaProposal.objects.exists():
        return
    org = staff.organization
    current = list(org.served_territories.all()) or [org.territory]
    extra = Territory.objects.filter(kind=Territory.Kind.DISTRICT).exclude(pk__in=[t.pk for t in current]).first()
    if extra is not None:
        area_propose(organization=org, territories=[*current, extra], actor=staff)
