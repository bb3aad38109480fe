"""Writes of the volunteers app. Recruitment (#16): a public application becomes a candidate that a
coordinator or the centre's staff review and activate."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import access
from audit import log as audit_log
from audit import tracking
from core.phones import normalize_phone
from people.models import Beneficiary
from territories.selectors import territories_in_scope
from volunteers.models import Volunteer
from volunteers.selectors import organizations_for_cards


def former_beneficiary_for(*, full_name, phone, territory):
    """A person from the base with the same phone, or the same name in the same locality."""
    people = Beneficiary.objects.filter(merged_into=None, anonymized_at=None)
    if phone:
        found = people.filter(phone=phone).first() or people.filter(phone2=phone).first()
        if found:
            return found
    name = " ".join(full_name.split()).lower()
    for person in people.filter(territory=territory):
        if " ".join(person.full_name.split()).lower() == name:
            return person
    return None


@transaction.atomic
def candidate_create(
    *, full_name, phone, territory, age_group, abilities="", availability="", organization=None, skills=(), actor=None
):
    """«Стать волонтёром»: a candidate, inactive until reviewed; former beneficiaries are marked. Written by the
    same card write as `volunteer_save` (phone in one notation, `full_clean`, the skills' entry); the territory
    is the locality the public form matched and the organization the centre there, so there is no user's scope
    to check. The entry names the channel (an applicant has no login: actor None)."""
    volunteer = Volunteer(
        full_name=(full_name or "").strip(),
        phone=phone,
        territory=territory,
        lat=territory.lat if territory else None,
        lon=territory.lon if territory else None,
        age_group=age_group,
        is_permanent=False,
        organization=organization,
        abilities=abilities,
        availability=availability,
        status=Volunteer.Status.CANDIDATE,
        source=Volunteer.Source.PUBLIC_FORM,
        is_active=False,
        consent_at=timezone.now(),
    )
    _card_clean(volunteer)
    volunteer.former_beneficiary = former_beneficiary_for(
        full_name=volunteer.full_name, phone=volunteer.phone, territory=territory
    )
    _card_store(volunteer, actor=actor, skills=list(skills), before=[])
    audit_log.record(
        audit_log.Action.UPDATE,
        volunteer,
        user=actor,
        details={"recruitment": "applied", "channel": Volunteer.Source.PUBLIC_FORM},
    )
    return volunteer


@transaction.atomic
def candidate_activate(*, volunteer, actor, organization=None, is_permanent=False):
    if volunteer.status != Volunteer.Status.CANDIDATE:
        raise ValidationError({"status": ["Активировать можно только кандидата."]})
    volunteer.status = Volunteer.Status.ACTIVE
    volunteer.is_active = True
    volunteer.is_permanent = is_permanent
    volunteer.reviewed_at = timezone.now()
    if organization is not None:
        volunteer.organization = organization
    volunteer.save()
    audit_log.record(audit_log.Action.UPDATE, volunteer, user=actor, details={"recruitment": "activated"})
    return volunteer


@transaction.atomic
def candidate_reject(*, volunteer, actor):
    if volunteer.status != Volunteer.Status.CANDIDATE:
        raise ValidationError({"status": ["Отклонить можно только кандидата."]})
    volunteer.status = Volunteer.Status.REJECTED
    volunteer.reviewed_at = timezone.now()
    volunteer.save()
    audit_log.record(audit_log.Action.UPDATE, volunteer, user=actor, details={"recruitment": "rejected"})
    return volunteer


# --- the one volunteer save (#10): web form, API, import ---
def _skill_names(volunteer):
    return sorted(s.name for s in volunteer.skills.all()) if volunteer.pk else []


def _login_problem(volunteer, user_id, actor):
    """A volunteer login may be bound only by those who manage logins, within their scope, and only if it
    is not bound to another card (the same rule as users.services.user_link)."""
    from accounts.models import Role, User

    if not access.can(actor, "users.manage"):
        return "Связывать учётные записи с карточками могут координаторы и администраторы."
    login = access.manageable_users(actor, User.objects.filter(role=Role.VOLUNTEER)).filter(pk=user_id).first()
    if login is None:
        return "Нет пользователя с ролью «Волонтёр» с таким id в вашей зоне ответственности."
    linked = Volunteer.objects.filter(user=login).exclude(pk=volunteer.pk).values_list("pk", flat=True).first()
    if linked:
        return f"Эта учётная запись уже связана с карточкой волонтёра №{linked}."
    return None


def _skills_recorded(volunteer, before, actor):
    after = _skill_names(volunteer)
    if before != after:
        audit_log.record(
            audit_log.Action.UPDATE,
            volunteer,
            user=actor,
            details={"changes": {"навыки": [", ".join(before), ", ".join(after)]}},
        )


@transaction.atomic
def volunteer_save(*, volunteer, data, actor, skills=None, errors=None):
    """The one save of a volunteer card (web form, API; files through `volunteers_import` under the same rules).
    data: model fields by name (`territory`, `organization` as objects or `territory_id`, `organization_id`,
    `user_id` as ids; absent: unchanged); skills: the whole list of catalog categories (None: unchanged).
    Rules: territory and organization within the actor's scope, the organization's staff only for their own
    organization, a login bound only under `users.manage`; `full_clean`; the skills' change recorded
    explicitly with the old and new list (`skills` may also come inside data). errors: the adapter's own
    findings by field, refused together."""
    data = dict(data)
    if "skills" in data:  # a form's cleaned data carries them among the fields
        skills = data.pop("skills")
    errors = {k: list(v) for k, v in (errors or {}).items()}
    before = _skill_names(volunteer)
    if "territory" in data or "territory_id" in data:
        territory = data.pop("territory", None)
        territory_id = data.pop("territory_id", None) if territory is None else territory.pk
        in_scope = territories_in_scope(actor).filter(pk=territory_id).first()
        if in_scope is None:
            errors.setdefault("territory", ["Территория не найдена или вне вашей зоны ответственности."])
        else:
            volunteer.territory = in_scope
    if "organization" in data or "organization_id" in data:
        organization = data.pop("organization", None)
        organization_id = data.pop("organization_id", None) if organization is None else organization.pk
        if organization_id is not None and not organizations_for_cards(actor).filter(pk=organization_id).exists():
            errors.setdefault("organization", []).append("Организация не найдена или вне вашей зоны ответственности.")
        volunteer.organization_id = organization_id
    if "user_id" in data:
        user_id = data.pop("user_id")
        if user_id is not None and user_id != volunteer.user_id:
            problem = _login_problem(volunteer, user_id, actor)
            if problem:
                errors.setdefault("user", []).append(problem)
            else:
                volunteer.user_id = user_id
    former = data.get("former_beneficiary")
    if former is not None and not access.scoped(actor, Beneficiary.objects.filter(pk=former.pk)).exists():
        errors.setdefault("former_beneficiary", []).append("Подопечный не найден или вне вашей зоны ответственности.")
    for key, value in data.items():
        setattr(volunteer, key, value)
    if access.is_org_staff(actor) and volunteer.organization_id != actor.organization_id:
        errors.setdefault("organization", []).append(
            "Сотрудник организации добавляет волонтёров только своей организации."
        )
    if errors:
        raise ValidationError(errors)
    _card_clean(volunteer)
    _card_store(volunteer, actor=actor, skills=skills, before=before)
    return volunteer


# The one write of a volunteer card, shared by `volunteer_save` and `candidate_create`.
def _card_clean(volunteer):
    """The phone in one notation, then the model's own checks (`full_clean`), errors by field."""
    try:
        volunteer.phone = normalize_phone(volunteer.phone)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from exc
    volunteer.full_clean(exclude=["skills", "user"])


def _card_store(volunteer, *, actor, skills, before):
    """The save, and the skills (a many-to-many list the tracking does not see) recorded when they changed."""
    volunteer.save()
    if skills is not None:
        volunteer.skills.set(skills)
        _skills_recorded(volunteer, before, actor)


IMPORT_BATCH = 2000


@transaction.atomic
def volunteers_import(*, rows, actor):
    """Volunteers from a file (directory's import job hands its checked rows here): every row checked first —
    territory and organization within the importer's scope, the card as the form checks it (`full_clean`) —
    and nothing written unless all pass (RowsRefused names each row and field); then batched inserts with
    the audit entries (their skills named in them). rows: [{row, fields, skill_codes}]. Returns the cards."""
    from catalog.models import ServiceCategory
    from directory.services import RowsRefused

    territory_ids = {r["fields"]["territory_id"] for r in rows}
    allowed_territories = set(territories_in_scope(actor).filter(pk__in=territory_ids).values_list("pk", flat=True))
    org_ids = {r["fields"].get("organization_id") for r in rows} - {None}
    allowed_orgs = set(organizations_for_cards(actor).filter(pk__in=org_ids).values_list("pk", flat=True))
    codes = {code for r in rows for code in r["skill_codes"]}
    categories = {c.code: c for c in ServiceCategory.objects.filter(code__in=codes)}
    label = {f.name: str(f.verbose_name).capitalize() for f in Volunteer._meta.fields}
    refused, cards = [], []
    for r in rows:
        fields = r["fields"]
        if fields["territory_id"] not in allowed_territories:
            refused.append((r["row"], "Территория", "Территория вне вашей зоны ответственности."))
        if fields.get("organization_id") is not None and fields["organization_id"] not in allowed_orgs:
            refused.append((r["row"], "Организация", "Организация вне вашей зоны ответственности."))
        refused += [
            (r["row"], "Навыки", f"Услуги «{c}» нет в каталоге.") for c in r["skill_codes"] if c not in categories
        ]
        card = Volunteer(**fields)
        try:  # territory and organization were checked above in one query each
            card.full_clean(exclude=["skills", "user", "territory", "organization"], validate_unique=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                refused += [(r["row"], label.get(name, name), message) for message in messages]
        cards.append(card)
    if refused:
        raise RowsRefused(refused)
    through = Volunteer.skills.through
    for start in range(0, len(rows), IMPORT_BATCH):
        chunk = rows[start : start + IMPORT_BATCH]
        created = Volunteer.objects.bulk_create(cards[start : start + IMPORT_BATCH])
        through.objects.bulk_create(
            through(volunteer_id=card.pk, servicecategory_id=categories[code].pk)
            for card, r in zip(created, chunk, strict=True)
            for code in dict.fromkeys(r["skill_codes"])
        )
        skills = {card.pk: list(dict.fromkeys(r["skill_codes"])) for card, r in zip(created, chunk, strict=True)}
        tracking.created_in_bulk(created, user=actor, extra=lambda card, skills=skills: {"skills": skills[card.pk]})
    return cards
