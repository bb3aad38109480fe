"""Reads of the outreach kit, always narrowed to the user's scope."""

from django.db.models import Count, Q

from accounts import access
from directory.models import Organization
from outreach import questions as q
from outreach.models import Contact, Letter, LetterTemplate, Question, Questionnaire, Recipient, Sending
from territories.models import Territory


def questionnaires(user):
    return (
        access.scoped(user, Questionnaire.objects.all())
        .annotate(question_count=Count("questions", distinct=True), sending_count=Count("sendings", distinct=True))
        .order_by("territory_id", "title", "id")
    )


def sendings(user, *, questionnaire=None):
    qs = access.scoped(user, Sending.objects.select_related("questionnaire", "territory"))
    if questionnaire is not None:
        qs = qs.filter(questionnaire=questionnaire)
    return qs.annotate(
        recipient_count=Count("recipients", distinct=True),
        answered=Count("recipients", filter=Q(recipients__submitted_at__isnull=False), distinct=True),
    ).order_by("-created_at", "-id")


def recipients(user, sending, *, territory=None, group="", status=""):
    qs = access.scoped(user, Recipient.objects.select_related("territory")).filter(sending=sending)
    if territory is not None:
        qs = qs.filter(territory__path__startswith=territory.path)
    if group:
        qs = qs.filter(group=group)
    if status == "answered":
        qs = qs.filter(submitted_at__isnull=False)
    elif status == "waiting":
        qs = qs.filter(submitted_at__isnull=True)
    return qs.order_by("name", "id")


def candidates(user, *, territory=None, org_kind="", community_form="", include=("organizations",), q_text=""):
    """Organizations, communities and leaders the user may send a questionnaire to, filtered."""
    from communities.models import Community, CommunityLeader

    def _narrow(qs, name_field):
        if territory is not None:
            qs = qs.filter(territory__path__startswith=territory.path)
        if q_text:
            qs = qs.filter(**{f"{name_field}__icontains": q_text})
        return qs

    result = {"organizations": [], "communities": [], "leaders": []}
    if "organizations" in include:
        orgs = _narrow(access.scoped(user, Organization.objects.select_related("territory")), "name")
        if org_kind:
            orgs = orgs.filter(kind=org_kind)
        result["organizations"] = list(orgs.order_by("name")[:500])
    if "communities" in include and access.can(user, "communities.view"):
        comms = _narrow(access.scoped(user, Community.objects.select_related("territory")), "name")
        if community_form:
            comms = comms.filter(form=community_form)
        result["communities"] = list(comms.filter(status__in=Community.LIVE).order_by("name")[:500])
    if "leaders" in include and access.can(user, "leaders.view"):
        leaders = _narrow(
            access.scoped(user, CommunityLeader.objects.select_related("territory", "linked_community")), "full_name"
        )
        if community_form:
            leaders = leaders.filter(linked_community__form=community_form)
        result["leaders"] = list(leaders.order_by("full_name")[:500])
    return result


def results(user, sending, *, territory=None, group=""):
    """Response rates by territory and by kind, and each question summarized (plain data for the page)."""
    rows = list(recipients(user, sending, territory=territory, group=group))
    plain = [x.as_plain() for x in sending.questionnaire.questions.all()]
    flags = [{"territory": r.territory.name, "group": r.group, "answered": r.submitted_at is not None} for r in rows]
    by_territory, total = q.response_rates(flags, "territory")
    by_group, _ = q.response_rates(flags, "group")
    answered = [r.answers for r in rows if r.submitted_at is not None]
    return {
        "by_territory": by_territory,
        "by_group": by_group,
        "total": total,
        "summary": q.summarize(plain, answered),
        "questions": plain,
    }


def groups_of(sending):
    return sorted(set(Recipient.objects.filter(sending=sending).values_list("group", flat=True)) - {""})


def respondent_answers(user, *, organization=None, community=None):
    """Submitted answers of one organization or community (its card shows them), newest first."""
    if not access.can(user, "outreach.view"):
        return []
    qs = access.scoped(user, Recipient.objects.select_related("sending__questionnaire")).filter(
        submitted_at__isnull=False
    )
    if organization is not None:
        qs = qs.filter(organization=organization)
    elif community is not None:
        qs = qs.filter(Q(community=community) | Q(leader__linked_community=community))
    else:
        return []
    return list(qs.order_by("-submitted_at")[:20])


def answer_rows(recipient):
    """[(section, question text, answer text)] of one respondent, in the questionnaire's order."""
    return [
        (x.section, x.text, q.display(x.as_plain(), recipient.answers.get(str(x.pk))))
        for x in recipient.sending.questionnaire.questions.all()
    ]


def contacts(user, *, q_text="", kind="", territory=None):
    qs = access.scoped(user, Contact.objects.select_related("territory", "organization"))
    if q_text:
        qs = qs.filter(
            Q(last_name__icontains=q_text)
            | Q(first_name__icontains=q_text)
            | Q(organization_name__icontains=q_text)
            | Q(outlet__icontains=q_text)
            | Q(beat__icontains=q_text)
            | Q(position__icontains=q_text)
        )
    if kind:
        qs = qs.filter(kind=kind)
    if territory is not None:
        qs = qs.filter(territory__path__startswith=territory.path)
    return qs.order_by("last_name", "first_name", "id")


def media_outlets(user):
    """The «СМИ» list: outlets of the journalists in the user's territory (e.g. for «СМИ, освещавшие»)."""
    return sorted(set(contacts(user, kind=Contact.Kind.MEDIA).values_list("outlet", flat=True)) - {""})


def letter_templates(user):
    return access.scoped(user, LetterTemplate.objects.all()).order_by("kind", "name")


def letters(user, *, q_text="", template=None, batch=""):
    qs = access.scoped(user, Letter.objects.select_related("template", "contact")).defer("docx", "pdf")
    if q_text:
        qs = qs.filter(Q(recipient__icontains=q_text) | Q(number__icontains=q_text))
    if template is not None:
        qs = qs.filter(template=template)
    if batch:
        qs = qs.filter(batch=batch)
    return qs.order_by("-created_at", "-id")


# --- the doors of the adapters (views, API, forms): each read takes the user (object fetches go through
# access.get_or_404, which audits an out-of-scope attempt) ---


def territories(user):
    """Territories of the user's scope, the tree's order (filters and result breakdowns)."""
    return access.scoped(user, Territory.objects.all(), field="id").order_by("path")


def territory_in_scope(user, pk):
    return access.scoped(user, Territory.objects.all(), field="id").filter(pk=pk).first()


def organizations(user):
    return access.scoped(user, Organization.objects.all()).order_by("name")


def questionnaire_of(user, pk):
    """One questionnaire in the user's scope or None (a worker's export looks it up again with its owner)."""
    return access.scoped(user, Questionnaire.objects.all()).filter(pk=pk).first() if pk is not None else None


def questionnaire_or_404(request, pk, capability="outreach.view"):
    return access.get_or_404(request, Questionnaire.objects.all(), capability, pk=pk)


def questionnaire_with_questions_or_404(request, pk, capability="outreach.view"):
    return access.get_or_404(request, Questionnaire.objects.prefetch_related("questions"), capability, pk=pk)


def questionnaires_with_questions(user):
    return questionnaires(user).prefetch_related("questions")


def question_or_404(request, pk, capability="outreach.change"):
    return access.get_or_404(request, Question.objects.select_related("questionnaire"), capability, pk=pk)


def sending_or_404(request, pk, capability="outreach.view"):
    return access.get_or_404(request, Sending.objects.select_related("questionnaire", "territory"), capability, pk=pk)


def sending_of(user, pk):
    """One sending in the user's scope or None (a worker's export looks it up again with its owner)."""
    return sendings(user).filter(pk=pk).first() if pk is not None else None


def sendings_of(user, questionnaire_id=None, limit=1000):
    qs = sendings(user)
    if questionnaire_id is not None:
        qs = qs.filter(questionnaire_id=questionnaire_id)
    return qs[:limit]


def recipient_or_404(request, pk, capability="outreach.view"):
    return access.get_or_404(
        request, Recipient.objects.select_related("sending__questionnaire", "territory"), capability, pk=pk
    )


def recipient_of(user, questionnaire, pk):
    """A recipient of this questionnaire in the user's scope (the paper form printed for them), or None."""
    return access.scoped(user, Recipient.objects.all()).filter(pk=pk, sending__questionnaire=questionnaire).first()


def letter_template_or_404(request, pk):
    return access.get_or_404(request, LetterTemplate.objects.all(), "outreach.letters", pk=pk)


def letter_template(user, pk):
    return letter_templates(user).filter(pk=pk).first()


def letter_or_404(request, pk):
    return access.get_or_404(request, Letter.objects.all(), "outreach.letters", pk=pk)


def letters_to_check(letters_qs):
    """How many of these letters (already narrowed by `letters`) ask to check the name's declension."""
    return letters_qs.filter(check_declension=True).count()


def batch_letters(user, batch):
    return list(access.scoped(user, Letter.objects.filter(batch=batch[:32])).order_by("number"))


def batch_exists(user, batch):
    return access.scoped(user, Letter.objects.filter(batch=batch[:32])).exists()


def contact_or_404(request, pk):
    return access.get_or_404(request, Contact.objects.all(), "outreach.contacts", pk=pk)


def contacts_picked(user, ids):
    return list(contacts(user).filter(pk__in=ids))


def recipient_by_token(token):
    """The respondent's personal link (no account): the secret token is the access; None when unknown."""
    if len(token) > 64:
        return None
    return Recipient.objects.select_related("sending__questionnaire").filter(token=token).first()
