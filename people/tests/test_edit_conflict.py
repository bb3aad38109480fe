"""Two operators edit one card: the second save is refused once with who and when, keeping the typed text."""

import re

from django.urls import reverse

from people.models import Beneficiary


def test_it_refuses_a_save_over_a_newer_change_and_applies_it_on_the_second_try(region):
    url = reverse("people:edit", args=[region.person_a.pk])
    first, second = region.client("operator"), region.client("coordinator")
    opened = first.get(url).content.decode()
    version = re.search(r'name="version" value="(\d+)"', opened).group(1)
    data = {
        "full_name": "Иванова Анна Петровна",
        "phone": "+79101112233",
        "territory": region.a1.pk,
        "address": "ул. Мира, 5",
        "version": version,
    }
    other = dict(data, address="ул. Лесная, 2", version=version)
    assert second.post(url, other).status_code == 302  # the coordinator saves first

    response = first.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and "Пока вы редактировали, эту карточку изменил(а)" in page
    assert "ул. Мира, 5" in page  # what the operator typed is still in the form
    assert Beneficiary.objects.get(pk=region.person_a.pk).address == "ул. Лесная, 2"

    newer = re.search(r'name="version" value="(\d+)"', page).group(1)
    assert first.post(url, dict(data, version=newer)).status_code == 302
    assert Beneficiary.objects.get(pk=region.person_a.pk).address == "ул. Мира, 5"
