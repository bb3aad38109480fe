"""The subject's report (art. 14 152-FZ): everything held about one person, for what purposes, since when,
who received it and who read it — gathered as plain data for the PDF (`privacy/report_print.html`).

The report sits above the domain apps (it reads people, requests, phone help, ties, guardianship and
centres); nothing below imports it.
"""

from django.utils import timezone

from audit import log as audit_log
from core.phones import display_phone
from people.models import Consent

# What each purpose of processing covers, in the words of the consent forms.
PURPOSE_DATA = {
    Consent.Purpose.PERSONAL_DATA: (
        "ФИО, дата рождения, телефоны, адрес и территория, сведения о проживании и подвижности, семья, "
        "обращения за помощью, их исполнители и контрольные звонки"
    ),
    Consent.Purpose.PHONE_SERVICE: (
        "график звонков, записи о звонках (дозвонились ли, самочувствие, настроение, заметки волонтёра), тревоги"
    ),
    Consent.Purpose.PUBLICATION: "истории, фото и видео о помощи семье, согласие на их публикацию",
    Consent.Purpose.RELATIVES: "сообщения близким о событиях (тревога, установлена связь с помощником)",
}

YES_NO = {True: "да", False: "нет", None: "неизвестно"}


def _when(value):
    if value is None:
        return ""
    if hasattr(value, "hour"):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    return value.strftime("%d.%m.%Y")


def _fields(person):
    rows = [
        ("Номер в системе", f"№{person.pk}"),
        ("ФИО", person.full_name),
        ("Дата рождения", _when(person.birth_date) or "не указана"),
        ("Телефон", display_phone(person.phone) or "—"),
        ("Второй телефон", display_phone(person.phone2) or "—"),
        ("Территория", person.territory.name),
        ("Адрес", person.address or "—"),
        ("Координаты дома", "указаны" if person.lat is not None else "не указаны"),
        ("Живёт один", YES_NO[person.lives_alone]),
        ("Подвижность", person.get_mobility_display() or "не указана"),
        ("Заметки", person.notes or "—"),
        ("Запись создана", _when(person.created_at)),
    ]
    if person.household_id:
        role = f" ({person.household_role})" if person.household_role else ""
        rows.append(("Семья", f"{person.household.name}{role}"))
    if person.unconfirmed:
        rows.append(("Сведения", "записаны со слов другого человека, ещё не подтверждены"))
    elif person.confirmed_at:
        rows.append(("Сведения подтверждены", _when(person.confirmed_at)))
    if person.anonymized_at:
        rows.append(("Обезличено", _when(person.anonymized_at)))
    return rows


def _purposes(person):
    return [
        {
            "purpose": c.get_purpose_display(),
            "data": PURPOSE_DATA.get(c.purpose, ""),
            "since": _when(c.given_at),
            "version": c.text_version,
            "state": f"отозвано {_when(c.withdrawn_at)}" if c.withdrawn_at else "действует",
        }
        for c in person.consents.order_by("given_at", "pk")
    ]


def _requests(person, recipients, sources):
    rows = []
    requests = person.help_requests.select_related(
        "territory", "helper_organization", "helper_volunteer"
    ).prefetch_related("needs", "assignments__organization", "assignments__volunteer", "followups")
    for r in requests.order_by("received_at"):
        helpers = []
        sent = [(a.organization or a.volunteer, a.assigned_at) for a in r.assignments.all()]
        if not sent and r.helper is not None:  # assigned before assignments were recorded one by one
            sent = [(r.helper, r.assigned_at)]
        for helper, assigned_at in sent:
            if helper is None:
                continue
            kind = "организация" if helper._meta.model_name == "organization" else "волонтёр"
            helpers.append(str(helper))
            recipients.append(
                {
                    "who": str(helper),
                    "kind": f"помощник ({kind})",
                    "what": f"ФИО, телефон, адрес, что нужно — по обращению {r.number}",
                    "since": _when(assigned_at),
                    "at": assigned_at,
                }
            )
        if r.reporter_name:
            relation = f", {r.reporter_relation}" if r.reporter_relation else ""
            sources.append(f"Обращение {r.number}: со слов {r.reporter_name}{relation} ({r.get_channel_display()})")
        else:
            sources.append(f"Обращение {r.number}: {r.get_channel_display().lower()}")
        status = r.get_status_display()
        if r.close_reason:
            status += f": {r.get_close_reason_display().lower()}"
        rows.append(
            {
                "number": r.number,
                "received": _when(r.received_at),
                "needs": ", ".join(n.name for n in r.needs.all()),
                "status": status,
                "helpers": ", ".join(dict.fromkeys(helpers)) or "—",
                "followups": sum(1 for f in r.followups.all() if f.done_at),
            }
        )
    return rows


def _phone(person, recipients, sources):
    from phone.models import Call, Enrolment, Identification, VolunteerChange

    rows = []
    enrolments = list(Enrolment.objects.filter(beneficiary=person).select_related("volunteer").order_by("started_on"))
    changes = VolunteerChange.objects.filter(enrolment__in=enrolments, volunteer__isnull=False).select_related(
        "volunteer"
    )
    seen = set()
    for change in changes.order_by("since"):
        if change.volunteer_id not in seen:
            seen.add(change.volunteer_id)
            recipients.append(
                {
                    "who": change.volunteer.full_name,
                    "kind": "волонтёр «Алло, волонтёр!»",
                    "what": "имя, телефон, график звонков, записи о звонках",
                    "since": _when(change.since),
                    "at": change.since,
                }
            )
    calls = Call.objects.filter(enrolment__in=enrolments)
    for e in enrolments:
        if e.volunteer_id and e.volunteer_id not in seen:
            seen.add(e.volunteer_id)
            recipients.append(
                {
                    "who": e.volunteer.full_name,
                    "kind": "волонтёр «Алло, волонтёр!»",
                    "what": "имя, телефон, график звонков, записи о звонках",
                    "since": _when(e.started_on),
                    "at": None,
                }
            )
        mine = [c for c in calls if c.enrolment_id == e.pk]
        rows.append(
            {
                "since": _when(e.started_on),
                "until": f"выбыл {_when(e.ended_at)}" + (f" ({e.end_reason})" if e.end_reason else "")
                if e.ended_at
                else "участвует",
                "volunteer": e.volunteer.full_name if e.volunteer_id else "не назначен",
                "calls": len(mine),
                "reached": sum(1 for c in mine if c.reached),
                "last": _when(max((c.called_at for c in mine), default=None)),
                "alerts": e.alerts.count(),
            }
        )
    for caller in {c.volunteer for c in calls.select_related("volunteer") if c.volunteer_id} - {None}:
        if caller.pk not in seen:
            seen.add(caller.pk)
            recipients.append(
                {
                    "who": caller.full_name,
                    "kind": "волонтёр, звонивший человеку",
                    "what": "имя, телефон, записи о звонках",
                    "since": "",
                    "at": None,
                }
            )
    for item in Identification.objects.filter(beneficiary=person).order_by("identified_on"):
        sources.append(
            f"Выявлен(а) как нуждающийся в телефонной помощи {_when(item.identified_on)}: "
            f"{item.identified_by}, {item.institution}"
        )
    return rows


def _ties(person, recipients):
    from ties.models import RelativeMessage, Tie

    ties = list(Tie.objects.filter(beneficiary=person).select_related("contact"))
    contacts = [
        {"relation": c.get_relation_display(), "name": c.name, "phone": display_phone(c.phone) or "—"}
        for c in person.contacts.all()
    ]
    rows = [
        {
            "kind": t.get_kind_display(),
            "name": t.display_name,
            "agrees": "да" if t.agrees_to_messages else "нет",
            "state": f"прекратилась {_when(t.ended_on)}" if t.ended_on else "действует",
        }
        for t in ties
    ]
    messages = RelativeMessage.objects.filter(tie__in=ties).select_related("tie__contact").order_by("sent_at")
    for m in messages:
        recipients.append(
            {
                "who": m.tie.display_name,
                "kind": f"близкий ({m.tie.get_kind_display().lower()}), {m.get_channel_display()}",
                "what": "сообщение о событии: " + _event_label(m.event),
                "since": _when(m.sent_at),
                "at": m.sent_at,
            }
        )
    return contacts, rows


def _event_label(event):
    kind = event.split(":", 1)[0]
    return {
        "alert": "тревога (не дозвонились)",
        "request_connected": "помощник связался",
        "request_closed": "обращение закрыто",
    }.get(kind, kind)


def _guardianship(person, recipients, files):
    if not person.household_id:
        return []
    from guardianship.models import Guardianship, Story

    rows = []
    for g in Guardianship.objects.filter(household_id=person.household_id).select_related("guardian"):
        rows.append(
            {
                "guardian": g.guardian.name,
                "status": g.get_status_display(),
                "since": _when(g.matched_at),
                "until": _when(g.terminated_at),
            }
        )
        recipients.append(
            {
                "who": g.guardian.name,
                "kind": "опекун семьи (#МЫВМЕСТЕ.ОПЕКА)",
                "what": "состав семьи, контакты, потребности",
                "since": _when(g.matched_at),
                "at": g.matched_at,
            }
        )
        if g.family_agreement_file:
            files.append({"what": "Соглашение с семьёй", "name": g.family_agreement_file.name.rsplit("/", 1)[-1]})
    for story in Story.objects.filter(guardianship__household_id=person.household_id).prefetch_related("media"):
        if story.consent_file:
            files.append(
                {"what": f"Согласие на публикацию «{story.title}»", "name": story.consent_file.name.rsplit("/", 1)[-1]}
            )
        for media in story.media.all():
            files.append({"what": f"Фото/видео к истории «{story.title}»", "name": media.file.name.rsplit("/", 1)[-1]})
        if story.sent_to_federal_at:
            recipients.append(
                {
                    "who": "Федеральный штаб #МЫВМЕСТЕ",
                    "kind": "публикация с согласия семьи",
                    "what": f"история «{story.title}» с фото и видео",
                    "since": _when(story.sent_to_federal_at),
                    "at": story.sent_to_federal_at,
                }
            )
    return rows


def _centres(person, recipients):
    from centres.models import CareEntry, Participant, Visit

    rows = []
    for v in Visit.objects.filter(beneficiary=person).select_related("centre", "service").order_by("visited_on"):
        rows.append({"when": _when(v.visited_on), "centre": v.centre.name, "what": v.service.name})
    for c in CareEntry.objects.filter(beneficiary=person).select_related("centre", "volunteer"):
        rows.append(
            {"when": _when(c.started_on), "centre": c.centre.name, "what": "долговременный уход (регулярные визиты)"}
        )
        if c.volunteer_id:
            recipients.append(
                {
                    "who": c.volunteer.full_name,
                    "kind": "волонтёр, навещающий на дому",
                    "what": "ФИО, адрес, телефон",
                    "since": _when(c.started_on),
                    "at": None,
                }
            )
    participations = Participant.objects.filter(beneficiary=person).select_related("event__centre")
    for p in participations.order_by("event__starts_at"):
        rows.append(
            {
                "when": _when(p.event.starts_at),
                "centre": p.event.centre.name,
                "what": f"мероприятие «{p.event.title}»" + (" — пришёл(а)" if p.attended else ""),
            }
        )
    return rows


def gather(person):
    """Everything for the report, as plain data (lists of dicts and pairs of strings)."""
    recipients, sources, files = [], [], []
    data = {
        "person_id": person.pk,
        "full_name": person.full_name,
        "generated_at": _when(timezone.now()),
        "fields": _fields(person),
        "purposes": _purposes(person),
        "requests": _requests(person, recipients, sources),
        "phone": _phone(person, recipients, sources),
        "guardianship": _guardianship(person, recipients, files),
        "centres": _centres(person, recipients),
    }
    data["contacts"], data["ties"] = _ties(person, recipients)
    data["sources"] = sources
    data["files"] = files
    data["recipients"] = [{k: v for k, v in r.items() if k != "at"} for r in recipients]
    data["readers"] = [
        {
            "who": r["who"],
            "role": r["role"],
            "times": r["times"],
            "first": _when(r["first"]),
            "last": _when(r["last"]),
        }
        for r in audit_log.readers_summary(person.pk)
    ]
    return data
