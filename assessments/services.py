"""Writes for expert sessions: keyword-only, atomic, audited (model tracking under the acting user, plus
explicit entries for what tracking does not see)."""

import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessments import checklist
from assessments.models import (
    ChecklistTemplate,
    Criterion,
    Participant,
    Proposal,
    ProtocolTemplate,
    Score,
    Session,
    Task,
)
from audit import log as audit_log
from audit.context import acting_as

PROTOCOL_TEMPLATE_MAX_MB = 2


def checklist_default(*, actor=None):
    """The current version of the coalition's checklist; created from the seed on first use."""
    current = ChecklistTemplate.objects.filter(name=checklist.DEFAULT_NAME, is_current=True).first()
    if current is not None:
        return current
    with transaction.atomic(), acting_as(actor):
        template = ChecklistTemplate.objects.create(
            name=checklist.DEFAULT_NAME, version=1, note="Чек-лист Коалиции «Забота рядом»", created_by=actor
        )
        for number, title, description, evidence in checklist.CRITERIA:
            Criterion.objects.create(
                template=template, number=number, title=title, description=description, evidence=evidence
            )
    return template


@transaction.atomic
def checklist_new_version(*, template, criteria, actor, note=""):
    """Edits make a new version: sessions that used the old one keep its wording.

    criteria: [{"number", "title", "description", "evidence"}], validated as a whole before anything is written.
    """
    errors = {}
    numbers = [c.get("number") for c in criteria]
    if not criteria:
        errors["criteria"] = ["В чек-листе должен быть хотя бы один критерий."]
    if len(set(numbers)) != len(numbers):
        errors["criteria"] = ["Номера критериев не должны повторяться."]
    for c in criteria:
        if not str(c.get("title", "")).strip():
            errors.setdefault("criteria", []).append(f"Критерий {c.get('number')}: укажите формулировку.")
    if errors:
        raise ValidationError(errors)
    with acting_as(actor):
        latest = ChecklistTemplate.objects.filter(name=template.name).order_by("-version").first()
        ChecklistTemplate.objects.filter(name=template.name).update(is_current=False)
        new = ChecklistTemplate.objects.create(
            name=template.name, version=latest.version + 1, note=note, created_by=actor, is_current=True
        )
        for c in sorted(criteria, key=lambda c: c["number"]):
            Criterion.objects.create(
                template=new,
                number=c["number"],
                title=c["title"].strip(),
                description=c.get("description", "").strip(),
                evidence=c.get("evidence", ""),
            )
    return new


SESSION_FIELDS = {
    "title",
    "subtitle",
    "held_on",
    "starts_at",
    "place_text",
    "place_org",
    "goal",
    "questions",
    "territory",
    "moderator",
    "intro",
    "moderator_opinion",
    "media",
    "head_title",
    "head_name",
}


@transaction.atomic
def session_create(*, actor, template=None, practices=(), **fields):
    unknown = set(fields) - SESSION_FIELDS
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    fields.setdefault("questions", "\n".join(checklist.QUESTIONS))
    fields.setdefault("goal", checklist.GOAL)
    with acting_as(actor):
        session = Session(template=template or checklist_default(actor=actor), created_by=actor, **fields)
        session.full_clean()
        session.save()
        if practices:
            session.practices.set(practices)
    return session


@transaction.atomic
def session_update(*, session, actor, practices=None, template=None, **fields):
    unknown = set(fields) - SESSION_FIELDS
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    if template is not None and template != session.template:
        if session.scores.exists():
            raise ValidationError({"template": ["Оценки уже выставлены по этой версии чек-листа: её нельзя сменить."]})
        session.template = template
    with acting_as(actor):
        for name, value in fields.items():
            setattr(session, name, value)
        session.full_clean()
        session.save()
        if practices is not None:
            session.practices.set(practices)
    return session


@transaction.atomic
def participant_add(*, session, group, actor, organization=None, name="", note=""):
    name = (name or "").strip()
    if organization is None and not name:
        raise ValidationError({"organization": ["Выберите организацию из справочника или впишите её название."]})
    if group not in Participant.Group.values:
        raise ValidationError({"group": ["Выберите группу участников."]})
    with acting_as(actor):
        return Participant.objects.create(
            session=session, group=group, organization=organization, name="" if organization else name, note=note
        )


@transaction.atomic
def participant_remove(*, participant, actor):
    with acting_as(actor):
        participant.delete()


def _spread(raw, field, errors):
    value, not_required, error = checklist.parse_score(raw)
    if error or not_required:
        errors.setdefault(field, []).append(error or "Разброс мнений — числа от 1 до 5.")
        return None
    return value


@transaction.atomic
def scores_save(*, session, rows, actor):
    """Save the scores of a session at once; every row is checked first and nothing is half-saved.

    rows: {criterion number: {"value", "self_value", "spread_low", "spread_high", "discussion", "dissent"}}
    where values are "1".."5", "nr" («не требуется») or "" (not scored). Error keys: "c<number>-<field>".
    """
    criteria = {c.number: c for c in session.template.criteria.all()}
    errors, cleaned = {}, {}
    for number, row in rows.items():
        criterion = criteria.get(int(number))
        if criterion is None:
            errors.setdefault("__all__", []).append(f"В чек-листе сессии нет критерия {number}.")
            continue
        prefix = f"c{criterion.number}-"
        value, not_required, error = checklist.parse_score(row.get("value"))
        if error:
            errors.setdefault(prefix + "value", []).append(error)
        self_value, self_nr, error = checklist.parse_score(row.get("self_value"))
        if error:
            errors.setdefault(prefix + "self_value", []).append(error.replace("Оценка", "Самооценка", 1))
        low = _spread(row.get("spread_low"), prefix + "spread_low", errors)
        high = _spread(row.get("spread_high"), prefix + "spread_high", errors)
        if low and high and low > high:
            errors.setdefault(prefix + "spread_high", []).append("Разброс мнений: «до» не может быть меньше «от».")
        cleaned[criterion] = {
            "value": value,
            "not_required": not_required,
            "self_value": self_value,
            "self_not_required": self_nr,
            "spread_low": low,
            "spread_high": high,
            "discussion": (row.get("discussion") or "").strip(),
            "dissent": (row.get("dissent") or "").strip(),
        }
    if errors:
        raise ValidationError(errors)
    with acting_as(actor):
        for criterion, data in cleaned.items():
            empty = not any(v for v in data.values())
            existing = Score.objects.filter(session=session, criterion=criterion).first()
            if empty and existing is None:
                continue
            if existing is None:
                Score.objects.create(session=session, criterion=criterion, **data)
            else:
                for name, value in data.items():
                    setattr(existing, name, value)
                existing.save()
    return session.scores.select_related("criterion")


PROPOSAL_FIELDS = {
    "criterion",
    "text",
    "addressee_org",
    "addressee",
    "responsible",
    "due_on",
    "status",
    "status_note",
    "practice",
}


def _check_proposal(proposal):
    errors = {}
    if not proposal.text.strip():
        errors["text"] = ["Сформулируйте предложение."]
    if proposal.criterion_id and proposal.criterion.template_id != proposal.session.template_id:
        errors["criterion"] = ["Критерий не из чек-листа этой сессии."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def proposal_create(*, session, actor, **fields):
    unknown = set(fields) - PROPOSAL_FIELDS
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    proposal = Proposal(session=session, **fields)
    _check_proposal(proposal)
    with acting_as(actor):
        proposal.status_changed_at = timezone.now()
        proposal.save()
    return proposal


@transaction.atomic
def proposal_update(*, proposal, actor, **fields):
    unknown = set(fields) - PROPOSAL_FIELDS
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    old_status = proposal.status
    for name, value in fields.items():
        setattr(proposal, name, value)
    _check_proposal(proposal)
    if proposal.status != old_status:
        proposal.status_changed_at = timezone.now()
    with acting_as(actor):
        proposal.save()
    return proposal


@transaction.atomic
def proposal_to_roadmap(*, proposal, actor):
    """Send a proposal to the territory's roadmap (communities workspace) as a step; once only."""
    from communities.services import roadmap_step_create

    if proposal.roadmap_step_id:
        raise ValidationError({"__all__": ["Это предложение уже в дорожной карте."]})
    session = proposal.session
    where = f"критерий {proposal.criterion.number}" if proposal.criterion_id else "общее предложение"
    details = [f"Экспертная сессия «{session.title}» {session.held_on:%d.%m.%Y}, {where}"]
    if proposal.addressee_name:
        details.append(f"адресат: {proposal.addressee_name}")
    if proposal.responsible:
        details.append(f"ответственный: {proposal.responsible}")
    step = roadmap_step_create(
        territory=session.territory,
        title=proposal.text,
        due_date=proposal.due_on,
        source="; ".join(details),
        actor=actor,
    )
    with acting_as(actor):
        proposal.roadmap_step_id = step.pk
        proposal.save(update_fields=["roadmap_step_id"])
    return step


@transaction.atomic
def proposal_delete(*, proposal, actor):
    with acting_as(actor):
        proposal.delete()


@transaction.atomic
def task_add(*, session, text, actor, criterion=None, year=None):
    if not (text or "").strip():
        raise ValidationError({"text": ["Сформулируйте задачу."]})
    with acting_as(actor):
        return Task.objects.create(session=session, text=text.strip(), criterion=criterion, year=year)


@transaction.atomic
def task_remove(*, task, actor):
    with acting_as(actor):
        task.delete()


def check_protocol_template(data):
    """A readable DOCX whose tags fill with a sample protocol; else a Russian error for the field «file»."""
    from assessments import protocol

    if len(data) > PROTOCOL_TEMPLATE_MAX_MB * 1024 * 1024:
        raise ValidationError({"file": [f"Файл больше {PROTOCOL_TEMPLATE_MAX_MB} МБ."]})
    from core.uploads import TooLarge, check_docx

    try:
        check_docx(data)  # a Word document, not any zip, and no zip bomb
    except TooLarge as exc:
        raise ValidationError({"file": [str(exc)]}) from None
    from jinja2.exceptions import SecurityError, TemplateSyntaxError

    try:
        protocol.render_docx_bytes(io.BytesIO(data), protocol.sample_context())
    except SecurityError:
        raise ValidationError(
            {"file": ["Шаблон не заполняется: метки обращаются к служебным данным, так нельзя."]}
        ) from None
    except TemplateSyntaxError as exc:
        raise ValidationError({"file": [f"Шаблон не заполняется: ошибка в метке — {exc.message}."]}) from None
    except Exception as exc:  # noqa: BLE001 — any other template error is the user's to fix, with its text
        raise ValidationError({"file": [f"Шаблон не заполняется: {exc}"]}) from None


@transaction.atomic
def protocol_template_upload(*, territory, file_name, data, actor):
    check_protocol_template(data)
    item = ProtocolTemplate.objects.create(territory=territory, file_name=file_name[:200], data=data, uploaded_by=actor)
    audit_log.record(audit_log.Action.CREATE, item, user=actor, details={"what": "шаблон протокола", "file": file_name})
    return item


@transaction.atomic
def protocol_template_reset(*, territory, actor):
    count, _ = ProtocolTemplate.objects.filter(territory=territory).delete()
    audit_log.record(
        audit_log.Action.DELETE, user=actor, details={"what": "шаблон протокола", "territory": territory.pk}
    )
    return count
