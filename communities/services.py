"""Writes of the community workspace: one transaction each, with an explicit audit entry."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from audit import log as audit_log
from audit.context import acting_as
from communities import canvas
from communities.models import (
    READINESS,
    SIGN_SCORES,
    SIGNS,
    CanvasVersion,
    Community,
    CommunityAudit,
    CommunityLeader,
    Engagement,
    EngagementChange,
    Interaction,
    MetricMeasurement,
    RoadmapStep,
)

Action = audit_log.Action
COMMUNITY_FIELDS = {
    "name",
    "form",
    "territory",
    "status",
    "coalition_since",
    "chat_links",
    "meeting_place",
    "member_estimate",
    "responsible",
    "description",
    "lat",
    "lon",
}


def _clean_signs(signs):
    allowed = {score for score, _ in SIGN_SCORES}
    codes = {code for code, *_ in SIGNS}
    cleaned = {}
    for code, value in (signs or {}).items():
        if code not in codes or value in (None, ""):
            continue
        value = int(value)
        if value not in allowed:
            raise ValidationError({"signs": ["Оценка признака: 0 — нет, 1 — слабо выражен, 2 — выражен."]})
        cleaned[code] = value
    return cleaned


def _clean_readiness(readiness):
    codes = [code for code, _ in READINESS]
    return [code for code in codes if code in set(readiness or ())]


def _record(action, obj, actor, **details):
    audit_log.record(action, obj, user=actor, details=details)


# The fields of a leader's card, in the form's order (the form lists these; the service writes only these).
LEADER_FIELDS = (
    "full_name",
    "linked_community",
    "community",
    "territory",
    "role",
    "phone",
    "email",
    "influence_area",
    "how_found",
    "found_on",
    "notes",
    "lat",
    "lon",
)


@transaction.atomic
def leader_save(*, actor, leader=None, **fields):
    """Create or update an entry of the leaders register. The register is a tracked model: its audit entry
    (created, or the changed fields with personal values masked) is written under `actor` by the tracking."""
    unknown = set(fields) - set(LEADER_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    leader = leader or CommunityLeader()
    for name, value in fields.items():
        setattr(leader, name, value)
    with acting_as(actor):
        leader.save()
    return leader


@transaction.atomic
def community_create(*, actor, organizations=(), signs=None, readiness=(), engagement=Engagement.INFORMING, **fields):
    unknown = set(fields) - COMMUNITY_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    community = Community(
        signs=_clean_signs(signs), readiness=_clean_readiness(readiness), engagement=engagement, **fields
    )
    community.full_clean()
    community.save()
    community.organizations.set(organizations)
    EngagementChange.objects.create(community=community, level=engagement, by=actor, note="Сообщество добавлено")
    _record(Action.CREATE, community, actor, form=community.form, status=community.status)
    return community


@transaction.atomic
def community_update(*, community, actor, organizations=None, signs=None, readiness=None, **fields):
    unknown = set(fields) - COMMUNITY_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    changes = {}
    for key, value in fields.items():
        if getattr(community, key) != value:
            changes[key] = [str(getattr(community, key)), str(value)]
            setattr(community, key, value)
    if signs is not None:
        community.signs = _clean_signs(signs)
    if readiness is not None:
        community.readiness = _clean_readiness(readiness)
    community.full_clean()
    community.save()
    if organizations is not None:
        community.organizations.set(organizations)
    _record(Action.UPDATE, community, actor, changes=changes)
    return community


@transaction.atomic
def community_set_engagement(*, community, level, actor, note=""):
    if level not in Engagement.values:
        raise ValidationError({"level": ["Выберите уровень вовлечения."]})
    if community.engagement == level:
        return community
    before = community.engagement
    community.engagement = level
    community.save(update_fields=["engagement", "updated_at"])
    EngagementChange.objects.create(community=community, level=level, by=actor, note=note[:500])
    _record(Action.UPDATE, community, actor, changes={"engagement": [before, level]}, note=note)
    return community


def latest_canvas(community, kind):
    return community.canvas_versions.filter(kind=kind).order_by("-number").first()


@transaction.atomic
def canvas_save(*, community, kind, answers, actor, values=(), metrics=(), note=""):
    """A new version of the canvas; the minimum canvas needs exactly 3 values and metrics with targets."""
    if kind not in CanvasVersion.Kind.values:
        raise ValidationError({"kind": ["Неизвестная канва."]})
    codes = {b.code for b in canvas.blocks(kind)} - canvas.STRUCTURED[kind]
    answers = {code: (answers.get(code) or "").strip() for code in codes if (answers.get(code) or "").strip()}
    values = [v.strip() for v in values if v and v.strip()]
    metrics = [
        {"name": (m.get("name") or "").strip(), "target": m.get("target")}
        for m in metrics
        if (m.get("name") or "").strip() or m.get("target") not in (None, "")
    ]
    errors = canvas.validate(kind, answers, values, metrics)
    if errors:
        raise ValidationError(errors)
    for m in metrics:
        m["target"] = str(m["target"]).strip()
    Community.objects.select_for_update().filter(pk=community.pk).first()
    previous = latest_canvas(community, kind)
    if previous and previous.answers == answers and previous.values == values and previous.metrics == metrics:
        return previous
    version = CanvasVersion.objects.create(
        community=community,
        kind=kind,
        number=(previous.number + 1) if previous else 1,
        answers=answers,
        values=values,
        metrics=metrics,
        note=note[:300],
        created_by=actor,
    )
    _record(Action.CREATE, version, actor, kind=kind, number=version.number)
    return version


def version_text(version):
    """A version as {block code: text} for the diff."""
    return {
        row["code"]: row["answer"]
        for row in canvas.as_sections(version.kind, version.answers, version.values, version.metrics)
    }


def canvas_diff(*, old, new):
    return canvas.diff(new.kind, version_text(old), version_text(new))


@transaction.atomic
def metric_measure(*, community, metric, measured_on, value, actor):
    version = latest_canvas(community, CanvasVersion.Kind.MINIMUM)
    if version is None or not (1 <= metric <= len(version.metrics)):
        raise ValidationError({"metric": ["Сначала задайте метрики успеха в минимальной канве."]})
    if measured_on is None:
        raise ValidationError({"measured_on": ["Укажите дату измерения."]})
    measurement, _ = MetricMeasurement.objects.update_or_create(
        community=community, metric=metric, measured_on=measured_on, defaults={"value": value, "created_by": actor}
    )
    _record(Action.UPDATE, community, actor, metric=metric, measured_on=str(measured_on), value=value)
    return measurement


INTERACTION_FIELDS = {
    "community",
    "organization",
    "held_on",
    "format",
    "topic",
    "participants",
    "result",
    "next_step",
    "responsible",
    "due_date",
}


@transaction.atomic
def interaction_create(*, territory=None, actor, **fields):
    unknown = set(fields) - INTERACTION_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    community, organization = fields.get("community"), fields.get("organization")
    errors = {}
    if community is None and organization is None:
        errors["community"] = ["Укажите сообщество или организацию."]
    if fields.get("next_step") and not fields.get("due_date"):
        errors["due_date"] = ["Укажите срок следующего шага."]
    if errors:
        raise ValidationError(errors)
    territory = territory or (community.territory if community else organization.territory)
    interaction = Interaction(territory=territory, created_by=actor, **fields)
    if interaction.next_step and interaction.responsible is None:
        interaction.responsible = actor
    interaction.full_clean()
    interaction.save()
    _record(Action.CREATE, interaction, actor, topic=interaction.topic, format=interaction.format)
    return interaction


@transaction.atomic
def interaction_complete_step(*, interaction, actor):
    if interaction.next_step_done_at is None:
        interaction.next_step_done_at = timezone.now()
        interaction.save(update_fields=["next_step_done_at"])
        _record(Action.UPDATE, interaction, actor, next_step_done=True)
    return interaction


@transaction.atomic
def roadmap_step_create(
    *, territory, title, community=None, responsible=None, start_date=None, due_date=None, source="", actor
):
    """A step of the ТРЦ + communities roadmap; other apps (e.g. expert sessions) send proposals here."""
    errors = {}
    if not (title or "").strip():
        errors["title"] = ["Опишите шаг."]
    if start_date and due_date and due_date < start_date:
        errors["due_date"] = ["Срок не может быть раньше начала."]
    if (
        community is not None
        and community.territory_id != territory.pk
        and not community.territory.path.startswith(territory.path)
    ):
        errors["community"] = ["Сообщество с другой территории."]
    if errors:
        raise ValidationError(errors)
    step = RoadmapStep.objects.create(
        territory=territory,
        title=title.strip()[:300],
        community=community,
        responsible=responsible,
        start_date=start_date,
        due_date=due_date,
        source=(source or "")[:300],
        created_by=actor,
    )
    _record(Action.CREATE, step, actor, title=step.title, source=step.source)
    return step


ROADMAP_FIELDS = {"title", "community", "responsible", "start_date", "due_date", "status", "result"}


@transaction.atomic
def roadmap_step_update(*, step, actor, **fields):
    unknown = set(fields) - ROADMAP_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    changes = {}
    for key, value in fields.items():
        if getattr(step, key) != value:
            changes[key] = [str(getattr(step, key)), str(value)]
            setattr(step, key, value)
    if step.start_date and step.due_date and step.due_date < step.start_date:
        raise ValidationError({"due_date": ["Срок не может быть раньше начала."]})
    if "due_date" in changes or "responsible" in changes:
        step.overdue_notified_at = None  # a new deadline or person is reminded again when overdue
    step.full_clean()
    step.save()
    _record(Action.UPDATE, step, actor, changes=changes)
    return step


@transaction.atomic
def community_audit_record(
    *, community, decision, actor, held_on=None, signs=None, mood="", feedback="", events_held=None, note=""
):
    """The community manager's health check; its decision changes the community's status."""
    if decision not in CommunityAudit.Decision.values:
        raise ValidationError(
            {"decision": ["Выберите решение: продолжать, перезапустить, реорганизовать или закрыть."]}
        )
    if decision != CommunityAudit.Decision.CONTINUE and not (note or "").strip():
        raise ValidationError(
            {"note": ["Обоснуйте решение: почему сообщество перезапускается, реорганизуется или закрывается."]}
        )
    community = Community.objects.select_for_update().get(pk=community.pk)
    after = CommunityAudit.STATUS_AFTER[decision]
    audit = CommunityAudit.objects.create(
        community=community,
        held_on=held_on or timezone.localdate(),
        signs=_clean_signs(signs),
        mood=mood,
        feedback=feedback,
        events_held=events_held,
        decision=decision,
        note=note,
        status_before=community.status,
        status_after=after,
        by=actor,
    )
    if audit.signs:
        community.signs = audit.signs
    community.status = after
    community.save(update_fields=["status", "signs", "updated_at"])
    _record(Action.UPDATE, community, actor, audit_decision=decision, changes={"status": [audit.status_before, after]})
    return audit


# --- `manage.py periodic` ---


def _remind(user, subject, body):
    if user is None or not user.email:
        return False
    send_mail(subject, body, None, [user.email])
    return True


def overdue_steps_remind(*, now=None):
    """`manage.py periodic`: e-mail the responsible person once about each overdue next step and roadmap step
    (idempotent: each item is marked notified). Returns how many letters went."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    interactions = Interaction.objects.overdue(today).filter(overdue_notified_at__isnull=True)
    for i in interactions.select_related("responsible", "community", "organization"):
        if _remind(
            i.responsible,
            "Забота: просрочен следующий шаг по работе с сообществом",
            f"Здравствуйте!\n\nСледующий шаг «{i.next_step}» ({i.party}) нужно было сделать до "
            f"{i.due_date:%d.%m.%Y}. Выполните его или отметьте выполненным: "
            f"{settings.SITE_URL}/communities/desk/\n",
        ):
            sent += 1
        i.overdue_notified_at = now
        i.save(update_fields=["overdue_notified_at"])
    steps = RoadmapStep.objects.overdue(today).filter(overdue_notified_at__isnull=True)
    for s in steps.select_related("responsible", "community"):
        if _remind(
            s.responsible or (s.community.responsible if s.community else None),
            "Забота: просрочен шаг дорожной карты ТРЦ + сообщества",
            f"Здравствуйте!\n\nШаг дорожной карты «{s.title}» ({s.community or 'все сообщества'}) нужно было "
            f"выполнить до {s.due_date:%d.%m.%Y}. Обновите статус и результат: "
            f"{settings.SITE_URL}/communities/roadmap/{s.pk}/edit/\n",
        ):
            sent += 1
        s.overdue_notified_at = now
        s.save(update_fields=["overdue_notified_at"])
    return sent
