"""Demo of the person's rights (#11): the person with the open phone alert has been seen by staff (their page, a
list) and has a ready subject's report (art. 14 152-FZ) on their page → «Справка субъекту»."""

from accounts.models import User
from audit import log as audit_log
from audit.context import acting_as
from people.models import Beneficiary
from phone.models import Alert
from privacy import services
from privacy.models import SubjectReport


def demo_person():
    alert = Alert.objects.filter(resolved_at__isnull=True).select_related("enrolment__beneficiary").first()
    if alert is not None:
        return alert.enrolment.beneficiary
    return Beneficiary.objects.filter(merged_into=None, anonymized_at=None).order_by("pk").first()


def load():
    person = demo_person()
    if person is None or SubjectReport.objects.filter(beneficiary=person).exists():
        return
    coordinator = User.objects.filter(username="coordinator").first()
    operator = User.objects.filter(username="operator").first()
    if operator is not None:
        with acting_as(operator):  # as the operator's pages log them: a list, then the record
            neighbours = Beneficiary.objects.filter(territory=person.territory).values_list("pk", flat=True)[:25]
            audit_log.shown(None, [person.pk, *neighbours], "Подопечные: список")
            audit_log.viewed(None, person)
    if coordinator is not None:
        with acting_as(coordinator):
            audit_log.viewed(None, person)
    services.report_request(beneficiary=person, actor=coordinator, background=False)
