"""The one place that decides what a user may see and change.

Every view, export and API route asks here: `require()` for a capability, `scoped()` for the
records of a model inside the user's territory, `get_or_404()` for one record. Refusals are audited.
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Role
from audit import log as audit_log

ALL_ROLES = frozenset(Role.values)
STAFF = frozenset({Role.COORDINATOR, Role.OPERATOR})

CAPABILITIES = {
    "staff_home": ALL_ROLES,
    "territories.view": ALL_ROLES,
    "territories.change": frozenset({Role.COORDINATOR, Role.ADMIN}),
    "catalog.view": ALL_ROLES,
    "directory.view": frozenset({Role.COORDINATOR, Role.OPERATOR, Role.ORG_STAFF, Role.ADMIN}),
    "directory.change": frozenset({Role.COORDINATOR, Role.ORG_STAFF, Role.ADMIN}),
    "directory.add": frozenset({Role.COORDINATOR, Role.ADMIN}),
    "directory.verify": frozenset({Role.COORDINATOR, Role.ADMIN}),
    "directory.import": frozenset({Role.COORDINATOR, Role.ADMIN}),
    "directory.export": frozenset({Role.COORDINATOR, Role.OPERATOR, Role.ADMIN}),
    "map.view": frozenset({Role.COORDINATOR, Role.OPERATOR, Role.ORG_STAFF, Role.ADMIN}),
    "volunteers.view": frozenset({Role.COORDINATOR, Role.OPERATOR, Role.ORG_STAFF}),
    "volunteers.change": frozenset({Role.COORDINATOR, Role.ORG_STAFF}),
    "volunteers.export": frozenset({Role.COORDINATOR, Role.ORG_STAFF}),
    "leaders.view": frozenset({Role.COORDINATOR}),
    "leaders.change": frozenset({Role.COORDINATOR}),
    "requests.view": STAFF,
    "requests.open": frozenset({Role.COORDINATOR, Role.OPERATOR, Role.ORG_STAFF, Role.VOLUNTEER}),
    "requests.create": STAFF,
    "requests.route": STAFF,
    "requests.respond": frozenset({Role.COORDINATOR, Role.OPERATOR, Role.ORG_STAFF, Role.VOLUNTEER}),
    "requests.helper": frozenset({Role.ORG_STAFF, Role.VOLUNTEER}),
    "requests.export": frozenset({Role.COORDINATOR}),
    "followups.record": STAFF,
    # «Алло, волонтёр!»: wellbeing notes are health data — the volunteer, their organization, coordinators.
    "phone.manage": frozenset({Role.COORDINATOR}),
    "phone.calls": frozenset({Role.COORDINATOR, Role.ORG_STAFF, Role.VOLUNTEER}),
    "phone.today": frozenset({Role.VOLUNTEER}),
    "phone.dashboard": frozenset({Role.COORDINATOR, Role.ORG_STAFF}),
    "phone.kpi": frozenset({Role.COORDINATOR, Role.ANALYST}),
    # «Выявлен(а), нуждается в телефонной помощи» (#17): coordinators and operators of the territory record an
    # identification or a refusal and see the list; turning it into an enrolment also needs `phone.manage`.
    "phone.identify": STAFF,
    # #МЫВМЕСТЕ.ОПЕКА: the regional headquarters are coordinators; guardian staff see only their families.
    "guardianship.manage": frozenset({Role.COORDINATOR}),
    "guardianship.view": frozenset({Role.COORDINATOR, Role.ORG_STAFF}),
    "guardianship.reports": frozenset({Role.COORDINATOR, Role.ANALYST}),
    "guardianship.mine": frozenset({Role.ORG_STAFF}),
    # Analysts reach the aggregate reports from the menu; coordinators reach them from their dashboards.
    "reports.menu": frozenset({Role.ANALYST}),
    "people.merge": STAFF,
    "people.view": STAFF,
    "people.change": STAFF,
    "people.export": frozenset({Role.COORDINATOR}),
    "consent.change": STAFF,
    "audit.view": frozenset({Role.COORDINATOR, Role.ADMIN}),
    "audit.export": frozenset({Role.COORDINATOR, Role.ADMIN}),
    # --- support centres (#16) ---
    # Organization staff work only in their organization's centres; analysts get the report figures only.
    "centres.view": frozenset({Role.COORDINATOR, Role.OPERATOR, Role.ORG_STAFF, Role.ADMIN}),
    "centres.desk": frozenset({Role.COORDINATOR, Role.ORG_STAFF}),
    "centres.manage": frozenset({Role.COORDINATOR, Role.ORG_STAFF, Role.ADMIN}),
    "centres.report": frozenset({Role.COORDINATOR, Role.ORG_STAFF, Role.ANALYST, Role.ADMIN}),
    "centres.candidates": frozenset({Role.COORDINATOR, Role.ORG_STAFF}),
    "centres.analyst_menu": frozenset({Role.ANALYST}),
    # --- communities (#13) ---
    # The community manager is the coordinator of the territory (no separate role); analysts see only
    # the architecture page's counts.
    "communities.view": frozenset({Role.COORDINATOR}),
    "communities.change": frozenset({Role.COORDINATOR}),
    "communities.desk": frozenset({Role.COORDINATOR}),
    "communities.architecture": frozenset({Role.COORDINATOR, Role.ANALYST}),
    # --- expert sessions «Доступность заботы» and the practices library (#15) ---
    # Sessions name the moderator and participants: coordinators (the resource centre) and administrators.
    "assessments.view": frozenset({Role.COORDINATOR, Role.ADMIN}),
    "assessments.change": frozenset({Role.COORDINATOR, Role.ADMIN}),
    # Scores side by side are aggregates: analysts see the comparisons too.
    "assessments.compare": frozenset({Role.COORDINATOR, Role.ANALYST, Role.ADMIN}),
    "assessments.checklists": frozenset({Role.COORDINATOR, Role.ADMIN}),
    "practices.change": frozenset({Role.COORDINATOR, Role.ADMIN}),
    # --- daily work of each role (#9) ---
    # Territories and the catalog stay open to all; the menu shows them to those who use them.
    "reference.menu": frozenset({Role.COORDINATOR, Role.OPERATOR, Role.ORG_STAFF, Role.ANALYST, Role.ADMIN}),
    # Logins: coordinators for their territory, administrators everywhere; link to a volunteer card or
    # an organization, invite a volunteer by e-mail.
    "users.manage": frozenset({Role.COORDINATOR, Role.ADMIN}),
    # Two-factor login (#11): only administrators turn off a user's second factor (a lost phone).
    "users.two_factor_reset": frozenset({Role.ADMIN}),
    # --- statistics for decisions (#18) ---
    # Aggregates only (no names, phones, addresses); counts of 1–2 are masked as «< 3» on pages and exports.
    "stats.view": frozenset({Role.COORDINATOR, Role.ANALYST, Role.ADMIN}),
    # --- social ties and isolation risk (#17) ---
    # Ties and the worklist name people: coordinators and operators of the territory. Enrolling in the phone
    # service from a suggestion also needs `phone.manage`. Analysts get counts by level and territory only.
    "ties.view": STAFF,
    "ties.change": STAFF,
    "ties.worklist": STAFF,
    "ties.counts": frozenset({Role.COORDINATOR, Role.ANALYST, Role.ADMIN}),
    # --- guardianship as the seed prescribes (#18g) ---
    # The package of stories (texts, photos, videos, consent) for the federal headquarters: the regional
    # headquarters (coordinators) only; the organizer reads the report figures with the analyst role.
    "guardianship.export": frozenset({Role.COORDINATOR}),
    # --- outreach kit (#14): questionnaires, letters, contacts for letters ---
    # The resource centre's work with communities: the coordinator of the territory (community manager).
    # Respondents answer through a personal link without an account (no capability needed).
    "outreach.view": frozenset({Role.COORDINATOR}),
    "outreach.change": frozenset({Role.COORDINATOR}),
    "outreach.letters": frozenset({Role.COORDINATOR}),
    "outreach.contacts": frozenset({Role.COORDINATOR}),
    # --- the person's rights under 152-FZ (#11) ---
    # «Кто просматривал» (the read log of one person) and the subject's report (art. 14): coordinators of
    # the person's territory and administrators.
    "people.readers": frozenset({Role.COORDINATOR, Role.ADMIN}),
    "people.report": frozenset({Role.COORDINATOR, Role.ADMIN}),
    # Destruction after withdrawal (art. 21): the list, acts and performing one now.
    "people.destruction": frozenset({Role.COORDINATOR, Role.ADMIN}),
    # #12: «Мои выгрузки» — everyone sees the exports they asked for, and only those (see SCOPES).
    "exports.own": ALL_ROLES,
    # The menu item «Мои выгрузки»: the roles that have an export button somewhere (exports' tests check
    # this equals the roles of the registered export kinds' capabilities).
    "exports.menu": ALL_ROLES - {Role.VOLUNTEER},
}

# The Russian name of each capability, for people reading the audit log's refusals (D5).
CAPABILITY_NAMES = {
    "staff_home": "главная страница сотрудника",
    "territories.view": "просмотр территорий",
    "territories.change": "изменение территорий",
    "catalog.view": "просмотр каталога услуг",
    "directory.view": "просмотр справочника организаций",
    "directory.change": "изменение справочника организаций",
    "directory.add": "добавление организаций в справочник",
    "directory.verify": "проверка организаций справочника",
    "directory.import": "загрузка справочника организаций",
    "directory.export": "выгрузка справочника организаций",
    "map.view": "просмотр карты",
    "volunteers.view": "просмотр волонтёров",
    "volunteers.change": "изменение волонтёров",
    "volunteers.export": "выгрузка волонтёров",
    "leaders.view": "просмотр лидеров",
    "leaders.change": "изменение лидеров",
    "requests.view": "просмотр обращений",
    "requests.open": "открытие обращения",
    "requests.create": "создание обращений",
    "requests.route": "направление обращений",
    "requests.respond": "отклик на обращение",
    "requests.helper": "работа помощника по обращению",
    "requests.export": "выгрузка обращений",
    "followups.record": "запись повторных звонков",
    "phone.manage": "управление службой «Алло, волонтёр!»",
    "phone.calls": "звонки «Алло, волонтёр!»",
    "phone.today": "звонки на сегодня",
    "phone.dashboard": "сводка «Алло, волонтёр!»",
    "phone.kpi": "показатели «Алло, волонтёр!»",
    "phone.identify": "выявление нуждающихся в телефонной помощи",
    "guardianship.manage": "управление опекой",
    "guardianship.view": "просмотр опеки",
    "guardianship.reports": "отчёты по опеке",
    "guardianship.mine": "мои подопечные семьи",
    "guardianship.export": "выгрузка историй опеки",
    "reports.menu": "меню отчётов",
    "people.merge": "объединение карточек людей",
    "people.view": "просмотр карточек людей",
    "people.change": "изменение карточек людей",
    "people.export": "выгрузка карточек людей",
    "people.readers": "просмотр журнала «Кто просматривал»",
    "people.report": "отчёт субъекту персональных данных",
    "people.destruction": "уничтожение персональных данных",
    "consent.change": "изменение согласий",
    "audit.view": "просмотр журнала действий",
    "audit.export": "выгрузка журнала действий",
    "centres.view": "просмотр центров поддержки",
    "centres.desk": "стойка центра поддержки",
    "centres.manage": "управление центрами поддержки",
    "centres.report": "отчёт центра поддержки",
    "centres.candidates": "кандидаты центра поддержки",
    "centres.analyst_menu": "меню аналитика центров",
    "communities.view": "просмотр сообществ",
    "communities.change": "изменение сообществ",
    "communities.desk": "рабочий стол сообществ",
    "communities.architecture": "архитектура сообществ",
    "assessments.view": "просмотр экспертных сессий",
    "assessments.change": "изменение экспертных сессий",
    "assessments.compare": "сравнение оценок",
    "assessments.checklists": "чек-листы экспертных сессий",
    "practices.change": "изменение библиотеки практик",
    "reference.menu": "меню справочников",
    "users.manage": "управление пользователями",
    "users.two_factor_reset": "отключение второго фактора входа",
    "stats.view": "просмотр статистики",
    "ties.view": "просмотр социальных связей",
    "ties.change": "изменение социальных связей",
    "ties.worklist": "список риска одиночества",
    "ties.counts": "сводка по риску одиночества",
    "outreach.view": "просмотр анкет и писем",
    "outreach.change": "изменение анкет и писем",
    "outreach.letters": "рассылка писем",
    "outreach.contacts": "контакты для писем",
    "exports.own": "мои выгрузки",
    "exports.menu": "меню «Мои выгрузки»",
}


def capability_name(capability):
    """The Russian name of a capability; the code itself only for one no longer defined."""
    return CAPABILITY_NAMES.get(capability, capability)


# Roles whose territory scope is the whole installation, whatever territory they are bound to.
NATIONWIDE = frozenset({Role.ADMIN})


def territory_reader(territory):
    """An unsaved analyst of exactly this territory's subtree: what anyone allowed to choose the territory
    sees of it (it lies inside their scope). Rollups of aggregates are computed as this reader."""
    from accounts.models import User

    return User(role=Role.ANALYST, territory=territory, is_active=True)


def is_nationwide(user):
    """The user's territory scope is the whole installation (administrators)."""
    return user.role in NATIONWIDE


def must_confirm_login(user):
    """Roles that confirm each login with a code from an authenticator app (settings.TWO_FACTOR_ROLES)."""
    return user.role in settings.TWO_FACTOR_ROLES


def is_volunteer(user):
    return user.role == Role.VOLUNTEER


def is_org_staff(user):
    return user.role == Role.ORG_STAFF


def can(user, capability):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.role in CAPABILITIES[capability]


def require(request, capability):
    if not can(request.user, capability):
        audit_log.denied(request, capability)
        raise PermissionDenied("Недостаточно прав для этого действия.")


def _territory_model():
    # Through the app registry, not an import: this module sits below the apps whose records it rules on
    # (territories imports accounts.access), as SCOPES names every scoped model by its label (#10).
    return apps.get_model("territories", "Territory")


def territory_ids(user):
    """Ids of the territories the user works in (their territory and everything below)."""
    Territory = _territory_model()
    if user.role in NATIONWIDE:
        return Territory.objects.values("id")
    if user.territory_id is None:
        return Territory.objects.none().values("id")
    return Territory.objects.subtree(user.territory).values("id")


def in_territory(user, territory):
    if territory is None:
        return user.role in NATIONWIDE
    return territory_ids(user).filter(id=territory.id).exists()


def _organizations(user, queryset, field):
    """Organizations registered in the user's territory or serving it (also from a district or region above)."""
    if user.role in NATIONWIDE:
        return queryset
    ids = territory_ids(user)
    above = user.territory.ancestor_ids() if user.territory_id else []
    return queryset.filter(
        Q(territory__in=ids) | Q(served_territories__in=ids) | Q(served_territories__in=above)
    ).distinct()


def _volunteers(user, queryset, field):
    if user.role == Role.ORG_STAFF:
        return queryset.filter(organization_id=user.organization_id)
    return _by_territory(user, queryset, field)


def _by_territory(user, queryset, field):
    if user.role in NATIONWIDE:
        return queryset
    return queryset.filter(**{f"{field}__in": territory_ids(user)})


def _helper_territory_ids(user):
    """Where a helper works: the organization's served territories, or the volunteer's territory."""
    Territory = _territory_model()
    paths = ()
    if user.role == Role.ORG_STAFF and user.organization_id:
        paths = user.organization.served_paths()
    elif user.role == Role.VOLUNTEER and getattr(user, "volunteer", None):
        paths = (user.volunteer.territory.path,)
    if not paths:
        return Territory.objects.none().values("id")
    match = Q()
    for path in paths:
        match |= Q(path__startswith=path)
    return Territory.objects.filter(match).values("id")


def assigned_to(user):
    """The one rule for «this request is the helper's own»: sent to their organization or to them.

    Whoever a request is assigned to may open it and act on it, wherever it is (a volunteer works
    within a travel radius, an organization may be sent a request from outside its area).
    """
    if user.role == Role.ORG_STAFF and user.organization_id:
        return Q(helper_organization_id=user.organization_id)
    if user.role == Role.VOLUNTEER:
        return Q(helper_volunteer__user=user)
    return None


def _help_requests(user, queryset, field):
    """Dispatchers see their territory; helpers see requests where they work plus their own."""
    if user.role in (Role.ORG_STAFF, Role.VOLUNTEER):
        match = Q(territory__in=_helper_territory_ids(user))
        mine = assigned_to(user)
        if mine is not None:
            match |= mine
        return queryset.filter(match)
    if user.role in STAFF or user.role in NATIONWIDE:
        return _by_territory(user, queryset, field)
    return queryset.none()


def helper_requests(user, queryset):
    """Only the requests sent to this helper (their organization, or themselves as a volunteer)."""
    mine = assigned_to(user)
    return queryset.filter(mine) if mine is not None else queryset.none()


def require_request_access(request, help_request, capability):
    """Dispatchers of the territory, or the helper it was sent to; anyone else is refused and audited."""
    user = request.user
    if can(user, "requests.route") or is_helper_of(user, help_request):
        return
    audit_log.denied(request, capability, help_request)
    raise PermissionDenied("Это обращение направлено другому помощнику.")


def _enrolments(user, queryset, field):
    if user.role == Role.VOLUNTEER:
        return queryset.filter(volunteer__user=user)
    if user.role == Role.ORG_STAFF:
        return (
            queryset.filter(volunteer__organization_id=user.organization_id)
            if user.organization_id
            else queryset.none()
        )
    if user.role == Role.COORDINATOR:
        return _by_territory(user, queryset, "beneficiary__territory")
    return queryset.none()


def _guardianships(user, queryset, field):
    if user.role == Role.ORG_STAFF:
        return (
            queryset.filter(guardian__organization_id=user.organization_id) if user.organization_id else queryset.none()
        )
    if user.role == Role.COORDINATOR:
        return _by_territory(user, queryset, "household__territory")
    return queryset.none()


def _centres(user, queryset, prefix, personal=False):
    """Support centres (#16): staff of an organization see only its centres; dispatchers their territory;
    analysts see centres (for the report figures) but never the people in them."""
    if user.role == Role.ORG_STAFF:
        if not user.organization_id:
            return queryset.none()
        return queryset.filter(**{f"{prefix}organization_id": user.organization_id})
    if user.role in STAFF or user.role in NATIONWIDE or (user.role == Role.ANALYST and not personal):
        return _by_territory(user, queryset, f"{prefix}territory")
    return queryset.none()


def centre_territory_ids(user):
    """Where the user may open a centre: an organization's served territories, or the user's territory."""
    if user.role == Role.ORG_STAFF:
        return _helper_territory_ids(user)
    return territory_ids(user)


# --- practices library (#15) ---
def _practices(user, queryset, field):
    """The library is the coalition's shared knowledge: every editor sees every card (changes are audited)."""
    if can(user, "practices.change"):
        return queryset
    return queryset.filter(is_published=True)


# --- daily work of each role (#9) ---
# Roles a coordinator may manage logins of (administrators manage everyone).
COORDINATOR_MANAGES = frozenset({Role.VOLUNTEER, Role.ORG_STAFF, Role.OPERATOR})


def manageable_user_or_404(request, queryset, capability, pk):
    """One login the user may manage; another one looks missing, and the attempt is audited."""
    require(request, capability)
    narrowed = manageable_users(request.user, queryset)
    return one_or_404(request, narrowed, queryset, capability, "Пользователь не найден.", pk=pk)


def manageable_users(user, queryset):
    """Logins a user may link and invite (`users.manage`): administrators all; coordinators the helpers
    and operators of their territory. Not a SCOPE: other apps keep seeing users by territory."""
    if user.role in NATIONWIDE:
        return queryset
    if user.role == Role.COORDINATOR:
        return queryset.filter(role__in=COORDINATOR_MANAGES, territory__in=territory_ids(user))
    return queryset.none()


# --- outreach kit (#14) ---
def _shared_or_territory(user, queryset, prefix=""):
    """Questionnaires without a territory (the methodology's) are shared; others stay in their territory."""
    if user.role in NATIONWIDE:
        return queryset
    return queryset.filter(
        Q(**{f"{prefix}territory__isnull": True}) | Q(**{f"{prefix}territory__in": territory_ids(user)})
    )


# Models whose visibility is more than "inside the user's territory".
SCOPES = {
    "guardianship.guardianship": _guardianships,
    "phone.enrolment": _enrolments,
    # #17: identified people (before enrolment) — coordinators and operators of the person's territory only.
    "phone.identification": lambda user, qs, field: (
        _by_territory(user, qs, "beneficiary__territory") if user.role in STAFF else qs.none()
    ),
    "directory.organization": _organizations,
    "volunteers.volunteer": _volunteers,
    "helprequests.helprequest": _help_requests,
    # --- support centres (#16) ---
    "centres.centre": lambda user, qs, field: _centres(user, qs, ""),
    "centres.visit": lambda user, qs, field: _centres(user, qs, "centre__", personal=True),
    "centres.event": lambda user, qs, field: _centres(user, qs, "centre__"),
    "centres.careentry": lambda user, qs, field: _centres(user, qs, "centre__", personal=True),
    "centres.specialist": lambda user, qs, field: _centres(user, qs, "centre__", personal=True),
    # --- practices library (#15) ---
    "practices.practice": _practices,
    # --- social ties and isolation risk (#17) ---
    "ties.tie": lambda user, qs, field: _by_territory(user, qs, "beneficiary__territory"),
    "ties.task": lambda user, qs, field: _by_territory(user, qs, "beneficiary__territory"),
    # --- outreach kit (#14) ---
    "outreach.questionnaire": lambda user, qs, field: _shared_or_territory(user, qs),
    "outreach.question": lambda user, qs, field: _shared_or_territory(user, qs, "questionnaire__"),
    "outreach.lettertemplate": lambda user, qs, field: qs if can(user, "outreach.letters") else qs.none(),
    "outreach.recipient": lambda user, qs, field: _by_territory(user, qs, "sending__territory"),
    # --- background exports (#12): the owner only, not even an administrator sees another's file ---
    "exports.export": lambda user, qs, field: qs.filter(owner=user),  # scoped() already refuses the anonymous
}

# Models whose scope also answers anonymous visitors (the published part of the practices library).
PUBLIC_SCOPES = frozenset({"practices.practice"})


def is_helper_of(user, help_request):
    """The user works for the organization or is the volunteer the help request was sent to (`assigned_to`)."""
    if not user.is_authenticated or assigned_to(user) is None:
        return False
    # The request's own model, not an import of helprequests: the access module sits below it (#10).
    return type(help_request)._default_manager.filter(assigned_to(user), pk=help_request.pk).exists()


def scoped(user, queryset, field="territory"):
    """Narrow a queryset to the records the user may see. Fails closed: no user, an anonymous or a disabled
    one sees nothing (a caller that forgot to pass the user gets an empty list, never everything); anonymous
    visitors reach only the models in PUBLIC_SCOPES, through their scope."""
    label = queryset.model._meta.label_lower
    signed_in = user is not None and user.is_authenticated and user.is_active
    anonymous = user is not None and not user.is_authenticated
    if not (signed_in or anonymous and label in PUBLIC_SCOPES):
        return queryset.none()
    scope = SCOPES.get(label, _by_territory)
    return scope(user, queryset, field)


def scoped_or_above(user, queryset, field="territory"):
    """`scoped()`, plus the records registered above the user's territory: who serves the user's area from a
    district or the region (a guardian of the region takes families of its districts). Fails closed as
    `scoped()` does; another district's records stay out."""
    narrowed = scoped(user, queryset, field)
    if not (user is not None and user.is_authenticated and user.is_active) or user.role in NATIONWIDE:
        return narrowed
    above = user.territory.ancestor_ids() if user.territory_id else []
    return narrowed | queryset.filter(**{f"{field}__in": above})


def can_change(user, obj):
    """Object-level write check: staff of an organization edit only their own organization and volunteers."""
    label = obj._meta.label_lower
    if user.role == Role.ORG_STAFF:
        if label == "directory.organization":
            return obj.pk == user.organization_id
        if label == "volunteers.volunteer":
            return obj.organization_id is not None and obj.organization_id == user.organization_id
        return False
    return in_territory(user, obj.territory)


def require_change(request, obj, capability):
    require(request, capability)
    if not can_change(request.user, obj):
        audit_log.denied(request, capability, obj)
        raise PermissionDenied("Эту запись может изменить только её владелец или координатор территории.")


def get_or_404(request, queryset, capability, field="territory", **lookup):
    """Fetch one record the user may see; out of scope looks exactly like missing."""
    require(request, capability)
    return one_or_404(request, scoped(request.user, queryset, field), queryset, capability, **lookup)


def one_or_404(request, narrowed, queryset, capability, message="Запись не найдена.", **lookup):
    """The record from `narrowed` (the part of `queryset` the user may reach); one that exists only outside
    it answers 404 as a missing one would, and the attempt is audited as a refusal."""
    obj = narrowed.filter(**lookup).first()
    if obj is None:
        existing = queryset.filter(**lookup).first()
        if existing is not None:
            audit_log.denied(request, capability, existing)
        raise Http404(message)
    return obj


def found_or_404(queryset, **lookup):
    """One record where the queryset itself, or the very next check, decides access: a queryset already
    narrowed to the user (`scoped()`, the helper's own records), a public listing for anonymous visitors,
    a personal link's secret token, or a record whose parent is fetched with `get_or_404` next. Missing
    answers 404 exactly as Django's shortcut does; views use this or `get_or_404`, never the shortcut
    itself (ruff's banned-api rule keeps it here)."""
    return get_object_or_404(queryset, **lookup)
