"""A pause goes through phone.services.pause_create (#10): the volunteer's leave pauses the volunteer."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from phone.models import Pause


def test_it_records_a_pause_on_the_enrolment_or_on_the_volunteer_on_leave(region):
    today = timezone.localdate()
    client = region.client("coordinator")
    url = reverse("phone:pause", args=[region.enrolment_a.pk])
    dates = {"starts_on": today, "ends_on": today + timedelta(days=3)}
    assert client.post(url, {"reason": "hospital", **dates}).status_code == 302
    assert client.post(url, {"reason": "volunteer_leave", **dates, "note": "Отпуск"}).status_code == 302
    hospital = Pause.objects.get(reason="hospital")
    leave = Pause.objects.get(reason="volunteer_leave")
    assert hospital.enrolment == region.enrolment_a and hospital.volunteer is None
    assert leave.volunteer == region.volunteer_a and leave.enrolment is None
    entry = AuditEntry.objects.get(object_type="phone.pause", object_id=str(leave.pk), action="create")
    assert entry.user == region.users["coordinator"]
