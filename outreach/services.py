"""Writes of the outreach kit: one transaction each, with an explicit audit entry.

Each sending and each answer is logged as an interaction of the communities workspace (format
«Опрос»), each letter as an interaction «Письмо» — through `communities.services.interaction_create`.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit import log as audit_log
from communities import services as communities
from communities.models import InteractionFormat
from outreach import letters as letter_docs
from outreach import questions as q
from outreach.models import (
    MAX_CHOICES,
    MAX_QUESTIONS,
    MAX_RECIPIENTS,
    Contact,
    Letter,
    LetterTemplate,
    Question,
    Questionnaire,
    Recipient,
    Sending,
)

Action = audit_log.Action


def _record(action, obj, actor, **details):
    audit_log.record(action, obj, user=actor, details=details)


def link(recipient):
    return f"{settings.SITE_URL}/q/{recipient.token}/"


# --- questionnaires (the builder) ---
@transaction.atomic
def questionnaire_create(*, title, intro="", territory=None, actor):
    if not (title or "").strip():
        raise ValidationError({"title": ["Назовите анкету."]})
    questionnaire = Questionnaire.objects.create(
        title=title.strip()[:300], intro=(intro or "").strip(), territory=territory, created_by=actor
    )
    _record(Action.CREATE, questionnaire, actor, title=questionnaire.title)
    return questionnaire


@transaction.atomic
def questionnaire_update(*, questionnaire, title, intro="", actor):
    if not (title or "").strip():
        raise ValidationError({"title": ["Назовите анкету."]})
    questionnaire.title, questionnaire.intro = title.strip()[:300], (intro or "").strip()
    questionnaire.save(update_fields=["title", "intro"])
    _record(Action.UPDATE, questionnaire, actor, title=questionnaire.title)
    return questionnaire


@transaction.atomic
def questionnaire_copy(*, questionnaire, territory, actor):
    """A new editable questionnaire with the same questions (a sent one stays as it was asked)."""
    copy = Questionnaire.objects.create(
        title=f"{questionnaire.title} (копия)"[:300], intro=questionnaire.intro, territory=territory, created_by=actor
    )
    for question in questionnaire.questions.all():
        question.pk = None
        question.questionnaire = copy
        question.save()
    _record(Action.CREATE, copy, actor, copied_from=questionnaire.pk)
    return copy


def _locked(questionnaire):
    if questionnaire.territory_id is None:
        raise ValidationError(
            {"__all__": ["Это общая анкета из методического сборника — сделайте копию, чтобы изменить вопросы."]}
        )
    if questionnaire.is_locked:
        raise ValidationError(
            {"__all__": ["Анкета уже отправлялась — её вопросы не меняются. Сделайте копию и измените её."]}
        )


QUESTION_FIELDS = {"section", "text", "help_text", "kind", "required", "allow_other", "scale_low", "scale_high"}


@transaction.atomic
def question_save(*, questionnaire, actor, question=None, choices=(), order=None, **fields):
    """Add or change a question; choices are a list of labels (needed for single / multiple choice)."""
    unknown = set(fields) - QUESTION_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _locked(questionnaire)
    errors = {}
    choices = [" ".join(c.split())[:300] for c in choices if c and c.strip()]
    choices = list(dict.fromkeys(choices))
    kind = fields.get("kind") or Question.Kind.TEXT
    if not (fields.get("text") or "").strip():
        errors["text"] = ["Напишите вопрос."]
    if kind not in Question.Kind.values:
        errors["kind"] = ["Выберите тип вопроса."]
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        if len(choices) + bool(fields.get("allow_other")) < 2:
            errors["choices"] = ["Нужно хотя бы два варианта ответа (по одному в строке)."]
        elif len(choices) > MAX_CHOICES:
            errors["choices"] = [f"Не больше {MAX_CHOICES} вариантов."]
    else:
        choices, fields["allow_other"] = [], False
    if question is None and questionnaire.questions.count() >= MAX_QUESTIONS:
        errors["__all__"] = [f"В анкете не больше {MAX_QUESTIONS} вопросов."]
    if errors:
        raise ValidationError(errors)
    if question is None:
        last = questionnaire.questions.order_by("-order").first()
        question = Question(questionnaire=questionnaire, order=(last.order + 10) if last else 10)
    for key, value in fields.items():
        setattr(question, key, value.strip() if isinstance(value, str) else value)
    if order is not None:
        question.order = order
    question.choices = choices
    question.full_clean()
    question.save()
    _record(Action.UPDATE, questionnaire, actor, question=question.pk, text=question.text[:100])
    return question


@transaction.atomic
def question_delete(*, question, actor):
    _locked(question.questionnaire)
    questionnaire = question.questionnaire
    _record(Action.UPDATE, questionnaire, actor, question_deleted=question.pk, text=question.text[:100])
    question.delete()


# --- sending ---
def _recipient_rows(organizations, communities_, leaders):
    for org in organizations:
        yield {
            "kind": Recipient.Kind.ORGANIZATION,
            "organization": org,
            "name": org.name,
            "group": org.get_kind_display(),
            "territory": org.territory,
            "email": org.email,
        }
    for community in communities_:
        emails = [x.email for x in community.leaders.all() if x.email]
        yield {
            "kind": Recipient.Kind.COMMUNITY,
            "community": community,
            "name": community.name,
            "group": community.get_form_display(),
            "territory": community.territory,
            "email": emails[0] if emails else "",
        }
    for leader in leaders:
        yield {
            "kind": Recipient.Kind.LEADER,
            "leader": leader,
            "name": f"{leader.full_name} ({leader.community_name})" if leader.community_name else leader.full_name,
            "group": "Лидер сообщества",
            "territory": leader.territory,
            "email": leader.email,
        }


def _interaction(recipient, topic, actor, **extra):
    party = recipient.party
    if party is None:
        return None
    key = "organization" if recipient.organization_id else "community"
    return communities.interaction_create(
        **{key: party}, format=InteractionFormat.SURVEY, topic=topic[:300], actor=actor, **extra
    )


def _invite(recipient, sending):
    if not recipient.email:
        return False
    deadline = f" до {sending.deadline:%d.%m.%Y}" if sending.deadline else ""
    send_mail(
        f"Анкета «{sending.questionnaire.title}»",
        f"Здравствуйте!\n\n{sending.message.strip() + chr(10) + chr(10) if sending.message.strip() else ''}"
        f"Просим ответить на анкету «{sending.questionnaire.title}»{deadline}. Ссылка личная, вход не нужен; "
        f"ответы можно сохранить и продолжить позже:\n{link(recipient)}\n",
        None,
        [recipient.email],
    )
    return True


@transaction.atomic
def sending_create(
    *, questionnaire, title, territory, actor, organizations=(), communities_=(), leaders=(), message="", deadline=None
):
    """Personal links for each selected organization, community and leader; invitations by e-mail."""
    rows = list(_recipient_rows(organizations, communities_, leaders))
    errors = {}
    if not rows:
        errors["recipients"] = ["Выберите хотя бы одного получателя."]
    elif len(rows) > MAX_RECIPIENTS:
        errors["recipients"] = [f"Не больше {MAX_RECIPIENTS} получателей в одной рассылке."]
    if not questionnaire.questions.exists():
        errors["questionnaire"] = ["В анкете нет вопросов."]
    if deadline and deadline < timezone.localdate():
        errors["deadline"] = ["Срок ответа не может быть в прошлом."]
    if errors:
        raise ValidationError(errors)
    sending = Sending.objects.create(
        questionnaire=questionnaire,
        title=(title or "").strip()[:300] or questionnaire.title,
        territory=territory,
        message=(message or "").strip()[:3000],
        deadline=deadline,
        created_by=actor,
    )
    now = timezone.now()
    for row in rows:
        recipient = Recipient.objects.create(sending=sending, **row)
        if _invite(recipient, sending):
            recipient.invited_at = now
            recipient.save(update_fields=["invited_at"])
        _interaction(recipient, f"Отправлена анкета «{questionnaire.title}»", actor)
    _record(Action.CREATE, sending, actor, questionnaire=questionnaire.pk, recipients=len(rows))
    return sending


@transaction.atomic
def recipient_opened(*, recipient):
    if recipient.opened_at is None:
        Recipient.objects.filter(pk=recipient.pk, opened_at__isnull=True).update(opened_at=timezone.now())


ALREADY = "Эта анкета уже отправлена — ответить второй раз нельзя. Спасибо!"


@transaction.atomic
def answers_save(*, recipient, data, submit, actor=None, channel=Recipient.Channel.ONLINE):
    """Save a draft (no required check) or submit once; on any error nothing is saved."""
    locked = Recipient.objects.select_for_update().select_related("sending__questionnaire").get(pk=recipient.pk)
    if locked.submitted_at is not None:
        raise ValidationError({"__all__": [ALREADY]})
    plain = [x.as_plain() for x in locked.sending.questionnaire.questions.all()]
    answers, errors = q.read(plain, data, final=submit)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    locked.answers = answers
    locked.saved_at = now
    fields = ["answers", "saved_at"]
    if submit:
        locked.submitted_at, locked.channel = now, channel
        fields += ["submitted_at", "channel"]
        if channel == Recipient.Channel.PAPER:
            locked.entered_by = actor
            fields.append("entered_by")
    locked.save(update_fields=fields)
    if submit:
        how = "ответы с бумажной анкеты внесены" if channel == Recipient.Channel.PAPER else "получены ответы"
        _interaction(locked, f"Анкета «{locked.sending.questionnaire.title}»: {how}", actor)
        _record(Action.UPDATE, locked, actor, submitted=True, channel=channel, answers=len(answers))
    return locked


# --- contacts for letters ---
CONTACT_FIELDS = {f.name for f in Contact._meta.fields} - {"id", "created_at"}


def _contact_check(contact):
    errors = {}
    if contact.kind == Contact.Kind.MEDIA and not contact.outlet.strip():
        errors["outlet"] = ["Для журналиста укажите издание."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def contact_save(*, actor, contact=None, **fields):
    unknown = set(fields) - CONTACT_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    creating = contact is None
    contact = contact or Contact()
    for key, value in fields.items():
        setattr(contact, key, value.strip() if isinstance(value, str) else value)
    contact.full_clean()
    _contact_check(contact)
    contact.save()
    _record(Action.CREATE if creating else Action.UPDATE, contact, actor, kind=contact.kind)
    return contact


# --- letters ---
TEMPLATE_FIELDS = {
    "name",
    "subject",
    "body",
    "centre_name",
    "head_position",
    "head_name",
    "centre_contacts",
    "region",
    "number_prefix",
}


@transaction.atomic
def letter_template_save(*, actor, template=None, **fields):
    unknown = set(fields) - TEMPLATE_FIELDS - {"kind"}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    bad = letter_docs.unknown_fields(fields.get("body", ""))
    if bad:
        raise ValidationError(
            {"body": ["Неизвестные поля: " + ", ".join("{" + b + "}" for b in bad) + ". Список полей — ниже."]}
        )
    creating = template is None
    template = template or LetterTemplate(kind=fields.pop("kind", LetterTemplate.Kind.OTHER))
    fields.pop("kind", None)
    for key, value in fields.items():
        setattr(template, key, value.strip() if isinstance(value, str) else value)
    template.full_clean()
    template.save()
    _record(Action.CREATE if creating else Action.UPDATE, template, actor, name=template.name)
    return template


def _next_number(template, year):
    prefix = f"{template.number_prefix}-{year}/"
    used = Letter.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    last = max((int(n[len(prefix) :]) for n in used if n[len(prefix) :].isdigit()), default=0)
    return prefix, last + 1


@transaction.atomic
def letters_merge(*, template, contacts, territory, actor, date=None, paragraph=""):
    """One letter per contact (DOCX + PDF), numbered in sequence, in the register; returns the batch id."""
    contacts = list(contacts)
    errors = {}
    if not contacts:
        errors["contacts"] = ["Выберите хотя бы одного адресата."]
    elif len(contacts) > letter_docs.MAX_MERGE:
        errors["contacts"] = [f"Не больше {letter_docs.MAX_MERGE} адресатов за один раз."]
    empty = letter_docs.missing(template)
    if empty:
        errors["__all__"] = [
            "Заполните в шаблоне: "
            + ", ".join(LetterTemplate._meta.get_field(letter_docs.TEMPLATE_FIELDS[f]).verbose_name for f in empty)
            + "."
        ]
    if len(paragraph or "") > letter_docs.MAX_PARAGRAPH:
        errors["paragraph"] = [f"Абзац не длиннее {letter_docs.MAX_PARAGRAPH} знаков."]
    if errors:
        raise ValidationError(errors)
    date = date or timezone.localdate()
    LetterTemplate.objects.select_for_update().filter(pk=template.pk).first()  # numbers stay unique
    prefix, n = _next_number(template, date.year)
    batch = uuid.uuid4().hex
    created = []
    for contact in contacts:
        number = f"{prefix}{n:03d}"
        n += 1
        context = letter_docs.compose(template, contact, date=date, number=number, paragraph=paragraph)
        letter = Letter.objects.create(
            template=template,
            batch=batch,
            number=number,
            date=date,
            contact=contact,
            recipient=f"{contact.full_name}{', ' + contact.org_label if contact.org_label else ''}"[:300],
            greeting=context["greeting"][:300],
            address_lines="\n".join(context["address"]),
            check_declension=bool(context["flags"]),
            territory=territory,
            docx=letter_docs.render_docx(context),
            pdf=letter_docs.render_pdf(context),
            created_by=actor,
        )
        if contact.organization_id:
            communities.interaction_create(
                organization=contact.organization,
                format=InteractionFormat.LETTER,
                topic=f"Письмо № {number}: {template.subject}"[:300],
                actor=actor,
            )
        _record(Action.CREATE, letter, actor, number=number, template=template.pk)
        created.append(letter)
    return batch, created


# A respondent is reminded once, this long after the invitation, while the sending is still open.
REMIND_AFTER = timedelta(days=settings.OUTREACH_REMIND_AFTER_DAYS)


def reminders_send(*, now=None):
    """`manage.py periodic`: one e-mail reminder to each respondent who has not answered, once the reminder
    period passed and while the sending is open. Each row is claimed before its letter goes (not one
    transaction: a second or parallel run finds it already reminded). Returns how many were sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = (
        Recipient.objects.filter(
            submitted_at__isnull=True,
            reminded_at__isnull=True,
            sending__created_at__lte=now - REMIND_AFTER,
        )
        .filter(Q(sending__deadline__isnull=True) | Q(sending__deadline__gte=today))
        .exclude(email="")
        .select_related("sending__questionnaire")
    )
    sent = 0
    for recipient in due:
        if not Recipient.objects.filter(pk=recipient.pk, reminded_at__isnull=True).update(reminded_at=now):
            continue
        sending = recipient.sending
        deadline = f" до {sending.deadline:%d.%m.%Y}" if sending.deadline else ""
        send_mail(
            f"Напоминание: анкета «{sending.questionnaire.title}»",
            f"Здравствуйте!\n\nНапоминаем: ждём ваших ответов на анкету «{sending.questionnaire.title}»{deadline}. "
            f"Если вы начали заполнять — ответы сохранены, продолжите по той же ссылке:\n{link(recipient)}\n",
            None,
            [recipient.email],
        )
        sent += 1
    return sent
