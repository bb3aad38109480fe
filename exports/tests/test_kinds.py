"""Every export button queues its kind and redirects to the status page; nothing is built in the request (#12)."""

import re
from dataclasses import replace
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from exports import registry
from exports.models import Export

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# (role, kind, the button's URL and parameters on the region fixture).
BUTTONS = [
    ("analyst", "stats_territories", lambda r: (reverse("stats:export"), {"territory": r.a.pk})),
    ("analyst", "stats_tables", lambda r: (reverse("stats:tables_export"), {"territory": r.a.pk})),
    ("analyst", "stats_gaps", lambda r: (reverse("stats:gaps_export"), {"territory": r.a.pk})),
    ("analyst", "phone_kpi", lambda r: (reverse("phone:kpi"), {"format": "xlsx", "territory": r.a.pk})),
    ("coordinator", "guardian_register", lambda r: (reverse("guardianship:guardians"), {"format": "xlsx"})),
    ("analyst", "guardianship_report", lambda r: (reverse("guardianship:reports"), {"format": "xlsx"})),
    ("coordinator", "centre_visits", lambda r: (reverse("centres:visit_export", args=[r.centre_a.pk]), {})),
    ("analyst", "centre_report", lambda r: (reverse("centres:report_xlsx", args=[r.centre_a.pk]), {})),
    ("coordinator", "leaders", lambda r: (reverse("communities:leader_export"), {"q": "Лидерова"})),
    ("coordinator", "communities", lambda r: (reverse("communities:export"), {"status": "active"})),
    ("coordinator", "community_interactions", lambda r: (reverse("communities:interaction_export"), {})),
    ("coordinator", "practices", lambda r: (reverse("practices:export"), {"q": "Центр"})),
    ("coordinator", "assessment_sessions", lambda r: (reverse("assessments:export"), {"year": "2026"})),
    ("coordinator", "assessment_proposals", lambda r: (reverse("assessments:proposal_export"), {"overdue": "1"})),
    ("analyst", "assessment_heat_map", lambda r: (reverse("assessments:heat_map_export"), {})),
    ("coordinator", "questionnaire_answers", lambda r: (reverse("outreach:sending_export", args=[r.sending_a.pk]), {})),
    ("coordinator", "letters", lambda r: (reverse("outreach:letter_export"), {"q": "Иван"})),
    ("coordinator", "contacts", lambda r: (reverse("outreach:contact_export"), {"kind": "official"})),
    ("analyst", "ties_counts", lambda r: (reverse("ties:counts"), {"format": "xlsx"})),
    ("coordinator", "roadmap", lambda r: (reverse("communities:roadmap_export"), {"territory": r.a.pk})),
    # documents that are not tables: PDF, DOCX, ZIP
    ("analyst", "stats_report_pdf", lambda r: (reverse("stats:report_pdf"), {"territory": r.a.pk})),
    ("analyst", "centre_report_pdf", lambda r: (reverse("centres:report_pdf", args=[r.centre_a.pk]), {})),
    ("coordinator", "stories_package", lambda r: (reverse("guardianship:stories_package"), {"id": [1, 2]})),
    (
        "coordinator",
        "questionnaire_pdf",
        lambda r: (reverse("outreach:questionnaire_print", args=[r.questionnaire_a.pk]), {}),
    ),
    ("coordinator", "hsds", lambda r: (reverse("directory:hsds_export"), {})),
    ("coordinator", "letters_zip", lambda r: (reverse("outreach:letter_zip", args=[r.letter_a.batch]), {})),
    (
        "coordinator",
        "canvas_pdf",
        lambda r: (reverse("communities:canvas_pdf", args=[r.community_a.pk, "minimum"]), {}),
    ),
    (
        "coordinator",
        "canvas_docx",
        lambda r: (reverse("communities:canvas_docx", args=[r.community_a.pk, "minimum"]), {}),
    ),
    ("coordinator", "protocol_pdf", lambda r: (reverse("assessments:protocol_pdf", args=[r.session_a.pk]), {})),
    ("coordinator", "protocol_docx", lambda r: (reverse("assessments:protocol_docx", args=[r.session_a.pk]), {})),
]


def _refuse(user, *args):
    raise AssertionError("the file was built in the request")


@pytest.fixture
def nothing_built():
    saved = dict(registry.KINDS)
    for key, kind in saved.items():
        registry.KINDS[key] = replace(
            kind, rows=_refuse, write=_refuse if kind.write else None, document=_refuse if kind.document else None
        )
    with override_settings(TASKS=DB_TASKS):
        yield
    registry.KINDS.clear()
    registry.KINDS.update(saved)


@pytest.mark.parametrize(("role", "kind", "button"), BUTTONS, ids=[b[1] for b in BUTTONS])
def test_the_button_queues_the_export_and_redirects_to_its_status_page(region, nothing_built, role, kind, button):
    url, params = button(region)
    answer = region.client(role).get(url, params)
    export = Export.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse("exports:detail", args=[export.pk])
    assert export.kind == kind and export.status == Export.Status.QUEUED and not export.file
    assert export.owner == region.users[role]


def test_the_menu_item_shows_to_exactly_the_roles_with_an_export_button():
    from accounts.access import CAPABILITIES

    roles = set().union(*(CAPABILITIES[kind.capability] for kind in registry.KINDS.values()))
    assert CAPABILITIES["exports.menu"] == roles


def test_the_menu_links_my_exports_for_those_roles(region):
    for role in ("coordinator", "operator", "org_staff", "analyst", "admin"):
        assert 'href="/exports/"' in region.client(role).get(reverse("staff_home")).content.decode(), role
    assert 'href="/exports/"' not in region.client("volunteer").get(reverse("staff_home")).content.decode()


# What builds a file's bytes: none of it may be called from a view or an API module (they queue a kind).
BUILDERS = re.compile(
    r"render_pdf\(|pdf_from_html\(|render_docx|DocxTemplate|zipfile|ZipFile|write_xlsx\(|xlsx_response\(|Workbook\("
    r"|build_zip\(|zip_letters\(|canvas_(pdf|docx)_bytes\(|documents\.canvas_|protocol\.(pdf|docx)\("
    r"|export_package\(|act\.pdf\(|template_xlsx\("
)
# Left in the request, each with why. Only these builders in only these files; anything else fails.
IN_REQUEST = {
    ("directory/import_views.py", "template_xlsx("): "the blank import template (no data, fixed size)",
}


def _adapter_sources():
    root = Path(__file__).resolve().parents[2]
    for path in sorted(root.glob("*/*.py")):
        rel = path.relative_to(root).as_posix()
        adapter = path.name.startswith(("views", "api")) or path.name.endswith("_views.py")
        if adapter and not rel.startswith("."):
            yield rel, path.read_text(encoding="utf-8")


def test_no_document_is_built_in_a_view_or_the_api():
    found = {rel: sorted({m.group(0) for m in BUILDERS.finditer(text)}) for rel, text in _adapter_sources()}
    stale = set(IN_REQUEST) - {(rel, n) for rel, names in found.items() for n in names}
    assert not stale, f"Moved to the worker: take these out of IN_REQUEST: {stale}"
    found = {rel: [n for n in names if (rel, n) not in IN_REQUEST] for rel, names in found.items()}
    found = {rel: names for rel, names in found.items() if names}
    assert not found, f"Build these in the worker (an export kind in <app>/export_kinds.py): {found}"
