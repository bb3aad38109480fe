"""Demo of the person's rights (#11): the person with the open phone alert has been seen by staff (their page, a
list) and has a ready subject's report (art. 14 152-FZ) on their page → «Справка субъекту»."""

from accounts.selectors import user_by_username
from audit import log as audit_log
from audit.context import acting_as
from people.selectors import live_people
from phone.selectors import enrolments, open_alerts
from privacy import services


def demo_person():
    coordinator = user_by_username("coordinator")
    alert = open_alerts(enrolments(coordinator)).first()
    if alert is not None:
        return alert.enrolment.beneficiary
    return live_people(coordinator).order_by("pk").first()


def load():
    person = demo_person()
    if person is None or person.subject_reports.exists():
        return
    coordinator = user_by_username("coordinator")
    operator = user_by_username("operator")
    if operator is not None:
        with acting_as(operator):  # as the operator's pages log them: a list, then the record
            neighbours = [p.pk for p in live_people(operator) if p.territory_id == person.territory_id][:25]
            audit_log.shown(None, [person.pk, *neighbours], "Подопечные: список")
            audit_log.viewed(None, person)
    if coordinator is not None:
        with acting_as(coordinator):
            audit_log.viewed(None, person)
    services.report_request(beneficiary=person, actor=coordinator, background=False)
