"""#9, found walking the operator's pages at 360 px: the circle of ties drew nothing because its SVG
numbers were written with a decimal comma («r="30,5"»); request numbers and phones never wrap."""

import re

from django.urls import reverse


def test_the_circle_of_ties_writes_svg_numbers_with_a_decimal_point(region):
    page = region.client("operator").get(reverse("people:detail", args=[region.person_a.pk])).content.decode()
    svg = page.split('<svg class="circle-picture"')[1].split("</svg>")[0]
    numbers = re.findall(r"\b(?:cx|cy|r|x|y|dy|width|height|viewBox)=\"([^\"]*)\"", svg)
    assert numbers and not [n for n in numbers if "," in n], numbers


def test_request_numbers_do_not_break_at_the_hyphen(region):
    page = region.client("operator").get(reverse("helprequests:detail", args=[region.request_a.pk])).content.decode()
    assert f'<h1>Обращение <span class="nowrap">{region.request_a.number}</span></h1>' in page
    queue = region.client("operator").get(reverse("helprequests:list") + "?queue=open").content.decode()
    assert 'class="queue"' in queue and 'data-label="Связаться до"' in queue
