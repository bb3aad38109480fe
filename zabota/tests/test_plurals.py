"""#9: Russian plurals where a number meets a noun (223 разговора, 22 обращения, 81 год)."""

from datetime import UTC, date

from django.template import Context, Template
from django.urls import reverse

from directory.models import Organization


def _render(text, **context):
    return Template("{% load plural %}" + text).render(Context(context))


def test_the_filters_choose_the_form_by_the_number():
    forms = "разговор,разговора,разговоров"
    assert [_render("{{ n|ru_plural:f }}", n=n, f=forms) for n in (1, 223, 11, 25)] == [
        "1 разговор",
        "223 разговора",
        "11 разговоров",
        "25 разговоров",
    ]
    assert _render("{{ n|ru_noun:f }}", n=21, f=forms) == "разговор"


def test_the_phone_dashboard_declines_its_figures(region):
    page = region.client("coordinator").get(reverse("phone:dashboard")).content.decode()
    strip = page.split('class="kpi-strip"')[1].split("</section>")[0]
    assert "<strong>1</strong><span>разговор</span>" in strip  # call_a, reached, within 30 days
    assert "<strong>1</strong><span>активный волонтёр</span>" in strip


def test_the_organization_capacity_is_declined(region):
    Organization.objects.filter(pk=region.org_a.pk).update(capacity=22)
    page = region.client("coordinator").get(reverse("directory:detail", args=[region.org_a.pk])).content.decode()
    assert "22 обращения одновременно" in page


def test_a_birthday_says_god_goda_let(region):
    from phone import queries
    from phone.models import Enrolment

    today = date(2026, 12, 7)
    region.person_a.birth_date = date(1945, 12, 10)
    region.person_a.save()
    items = queries.greetings(Enrolment.objects.all(), today)
    assert any(i["what"] == "День рождения: 81 год" for i in items), items


def test_the_evidence_note_declines_the_requests():
    from datetime import datetime, timedelta

    from assessments import evidence

    start = datetime(2026, 1, 10, 9, tzinfo=UTC)
    one = evidence.routing(requests=[(start, start + timedelta(hours=5))], overdue=0, now=start + timedelta(days=10))
    assert one[0].note == "1 из 1 обращения"
    many = [(start, start + timedelta(hours=5))] * 21
    assert evidence.routing(requests=many, overdue=0, now=start + timedelta(days=10))[0].note == "21 из 21 обращения"
