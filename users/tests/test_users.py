"""#9: logins linked to volunteer cards and organizations in the UI; volunteers invited by e-mail."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from volunteers.models import Volunteer


def _login(client, username, password):
    answer = client.post(reverse("login"), {"username": username, "password": password})
    return answer.status_code == 302 and answer.url == reverse("staff_home")


def _new_volunteer_login(region, username="novikov"):
    return region._user(username, Role.VOLUNTEER, region.a1)


def test_it_links_a_login_to_a_volunteer_card_in_the_ui_and_the_volunteer_sees_tasks(region):
    login = _new_volunteer_login(region)
    card = Volunteer.objects.create(full_name="Новиков Никита", age_group="youth", territory=region.a1)
    answer = region.client("coordinator").post(
        reverse("accounts:user", args=[login.pk]), {"volunteer": card.pk, "organization": region.org_a.pk}
    )
    assert answer.status_code == 302
    card.refresh_from_db()
    assert card.user == login
    client = Client()
    assert _login(client, "novikov", "secret-pass-1")
    assert client.get(reverse("helprequests:mine")).status_code == 200
    page = client.get(reverse("staff_home")).content.decode()
    assert "не связана с карточкой" not in page and "Мои задачи" in page


def test_it_refuses_a_card_already_linked_to_someone_else(region):
    login = _new_volunteer_login(region)
    answer = region.client("coordinator").post(
        reverse("accounts:user", args=[login.pk]), {"volunteer": region.volunteer_a.pk}
    )
    assert answer.status_code == 200
    assert region.volunteer_a.user == region.users["volunteer"]


def test_it_keeps_coordinators_to_their_territory(region):
    outside = region._user("vol_b", Role.VOLUNTEER, region.b1)
    assert region.client("coordinator").get(reverse("accounts:user", args=[outside.pk])).status_code == 404
    assert region.client("admin").get(reverse("accounts:user", args=[outside.pk])).status_code == 200
    assert (
        region.client("coordinator").get(reverse("accounts:user", args=[region.users["admin"].pk])).status_code == 404
    )
    from audit.models import AuditEntry

    refused = AuditEntry.objects.filter(action="denied", username="coordinator", object_type="accounts.user")
    assert sorted(refused.values_list("object_id", flat=True)) == sorted(
        [str(outside.pk), str(region.users["admin"].pk)]
    )


def test_it_invites_a_volunteer_by_email_to_set_a_password(region, django_capture_on_commit_callbacks):
    card = Volunteer.objects.create(full_name="Новикова Нина Петровна", age_group="silver", territory=region.a1)
    with django_capture_on_commit_callbacks(execute=True):
        answer = region.client("coordinator").post(
            reverse("accounts:invite"), {"volunteer": card.pk, "email": "Nina@Example.ru"}
        )
    assert answer.status_code == 302
    user = User.objects.get(username="nina@example.ru")
    assert user.role == Role.VOLUNTEER and not user.has_usable_password()
    card.refresh_from_db()
    assert card.user == user
    link = re.search(r"http://testserver(/accounts/password/\S+)", mail.outbox[0].body).group(1)
    client = Client()
    form = client.get(link, follow=True)
    assert "Придумайте пароль" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": "Zabota-2026-x", "new_password2": "Zabota-2026-x"})
    assert done.status_code == 302
    assert _login(Client(), "nina@example.ru", "Zabota-2026-x")


def test_it_refuses_a_bad_invitation_email_by_the_field(region):
    card = Volunteer.objects.create(full_name="Новикова Нина", age_group="silver", territory=region.a1)
    page = region.client("coordinator").post(reverse("accounts:invite"), {"volunteer": card.pk, "email": "нина"})
    assert page.status_code == 200 and "Проверьте адрес" in page.content.decode()


def test_it_shows_whom_a_user_is_linked_with_before_the_territory(region):
    # on a 360 px phone the last column is cut; the link to a card or organisation matters more
    page = region.client("coordinator").get(reverse("accounts:users")).content.decode()
    assert "<th>Пользователь</th><th>Роль</th><th>Связан с</th><th>Территория</th>" in page
