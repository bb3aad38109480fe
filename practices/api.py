"""API: the practices library. Published cards are public: no token needed."""

from datetime import date

from django.http import Http404
from ninja import Router, Schema

from practices import selectors
from practices.models import Tag

router = Router(tags=["База практик"])


class PracticeOut(Schema):
    id: int
    title: str
    organization_name: str
    region: str
    geography: str
    started_on: date | None
    ended_on: date | None
    dates: str
    tags: list[str]
    audiences: list[str]
    summary: str


class PracticeDetailOut(PracticeOut):
    problem: str
    description: str
    audience: str
    launch: str
    partners: str
    results: list[str]
    resources: str
    risks: str
    replication: str
    contacts: str
    photo_urls: list[str]


def _out(p):
    tags = list(p.tags.all())
    return {
        "id": p.pk,
        "title": p.title,
        "organization_name": p.organization_name,
        "region": p.region,
        "geography": p.geography,
        "started_on": p.started_on,
        "ended_on": p.ended_on,
        "dates": p.dates,
        "tags": [t.name for t in tags if t.kind == Tag.Kind.TOPIC],
        "audiences": [t.name for t in tags if t.kind == Tag.Kind.AUDIENCE],
        "summary": p.summary,
    }


@router.get("/practices", auth=None, response=list[PracticeOut], summary="Опубликованные практики")
def list_practices(request, q: str = "", tag: str = "", region: str = ""):
    return [_out(p) for p in selectors.api_list(request.user, q=q, tag=tag, region=region)]


@router.get("/practices/{practice_id}", auth=None, response=PracticeDetailOut, summary="Карточка практики")
def get_practice(request, practice_id: int):
    from django.urls import reverse

    p = selectors.published_practice(request.user, practice_id)
    if p is None:
        raise Http404
    return {
        **_out(p),
        "problem": p.problem,
        "description": p.description,
        "audience": p.audience,
        "launch": p.launch,
        "partners": p.partners,
        "results": p.result_lines(),
        "resources": p.resources,
        "risks": p.risks,
        "replication": p.replication,
        "contacts": p.contacts,
        "photo_urls": [reverse("practices:photo", args=[ph.pk]) for ph in p.photos.all()],
    }
