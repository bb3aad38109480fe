"""Every URL and API route × every role → the expected answer.

A route that is not in the matrix fails the suite: a new view must declare who may use it.
"""

from datetime import timedelta

import pytest
from django.core import signing
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from conftest import ROLES
from zabota.api import api

# Answer per role, in ROLES order: anon, coordinator, operator, org_staff, volunteer, analyst, admin.
STAFF_ONLY = "302 200 200 200 200 200 200"
COORD_OP = "302 200 200 403 403 403 403"
COORD_ADMIN = "302 200 403 403 403 403 200"
DIRECTORY = "302 200 200 200 403 403 200"
PUBLIC = "200 200 200 200 200 200 200"
IMPORTERS = "302 200 403 403 403 403 200"
EXPORTERS = "302 200 200 403 403 403 200"
VOLUNTEER_EDITORS = "302 200 403 200 403 403 403"
COORD_ONLY = "302 200 403 403 403 403 403"
# An export button queues the file for the worker and redirects to its status page (#12).
COORD_ONLY_QUEUED = "302 302 403 403 403 403 403"
# Wellbeing notes are health data: the volunteer, their organization's staff and coordinators only.
PHONE_CALLS = "302 200 403 200 200 403 403"
# Guardian organization staff (org_a is household_a's guardian) and the headquarters (coordinators).
GUARDIAN_OF_A = "302 200 403 200 403 403 403"
# request_a is sent to org_a: its staff are the helpers; the volunteer works there too but it is not theirs.
HELPER_OF_A = "302 200 200 200 403 403 403"
RESPOND_POST = "302 302 302 302 403 403 403"
DISPATCH_POST = "302 302 302 403 403 403 403"


def _proposed(region):
    from directory.services import area_propose

    area_propose(organization=region.org_a, territories=[region.a, region.b], actor=region.users["org_staff"])
    return region.org_a.pk


def _hsds_upload(region):
    from directory.models import HsdsUpload

    data = '{"organizations": [{"name": "Фонд", "locations": [{"addresses": [{"city": "Посёлок А1"}]}]}]}'
    return HsdsUpload.objects.create(file_name="p.json", data=data.encode(), created_by=region.users["coordinator"]).pk


def _destruction(region, done):
    """A destruction for person_a2 (A1): done (its act downloadable) or waiting (performed by a POST)."""
    from people.models import Destruction

    now = timezone.now()
    destruction, _ = Destruction.objects.get_or_create(
        beneficiary=region.person_a2, defaults={"withdrawn_at": now, "due_by": now + timedelta(days=30)}
    )
    Destruction.objects.filter(pk=destruction.pk).update(done_at=now if done else None)
    return {"pk": destruction.pk}


# url name → (method, kwargs builder, answers)
URLS = {
    "home": ("get", lambda r: {}, "200 200 200 200 200 200 200"),
    "login": ("get", lambda r: {}, "200 302 302 302 302 302 302"),
    "logout": ("post", lambda r: {}, "302 302 302 302 302 302 302"),
    "staff_home": ("get", lambda r: {}, STAFF_ONLY),
    "territories:list": ("get", lambda r: {}, STAFF_ONLY),
    "territories:create": ("get", lambda r: {}, COORD_ADMIN),
    "territories:detail": ("get", lambda r: {"pk": r.a1.pk}, STAFF_ONLY),
    "catalog:list": ("get", lambda r: {}, STAFF_ONLY),
    "directory:list": ("get", lambda r: {}, DIRECTORY),
    "directory:detail": ("get", lambda r: {"pk": r.org_a.pk}, DIRECTORY),
    "people:list": ("get", lambda r: {}, COORD_OP),
    # #12: an export button queues the file for the worker and redirects to its status page.
    "people:export": ("get", lambda r: {}, "302 302 403 403 403 403 403"),
    "people:create": ("get", lambda r: {}, COORD_OP),
    "people:detail": ("get", lambda r: {"pk": r.person_a.pk}, COORD_OP),
    "people:consent_create": ("get", lambda r: {"pk": r.person_a.pk}, COORD_OP),
    "people:consent_withdraw": ("get", lambda r: {"pk": r.consent_a.pk}, COORD_OP),
    "audit:list": ("get", lambda r: {}, COORD_ADMIN),
    "audit:export": ("get", lambda r: {}, "302 302 403 403 403 403 302"),
    # #11: «Кто просматривал» one person — coordinators of the person's territory and administrators.
    "privacy:readers": ("get", lambda r: {"pk": r.person_a.pk}, COORD_ADMIN),
    # The subject's report (art. 14): asked for, watched and downloaded by the same people.
    "privacy:report": ("get", lambda r: {"pk": r.person_a.pk}, COORD_ADMIN),
    "privacy:report_status": ("get", lambda r: {"pk": _subject_report(r).pk}, COORD_ADMIN),
    "privacy:report_download": ("get", lambda r: {"pk": _subject_report(r, ready=True).pk}, COORD_ADMIN),
    # #12: «Мои выгрузки» — everyone their own list; one export (the coordinator's) only for its owner.
    "exports:list": ("get", lambda r: {}, STAFF_ONLY),
    "exports:detail": ("get", lambda r: {"pk": _export(r).pk}, "302 200 404 404 404 404 404"),
    "exports:download": ("get", lambda r: {"pk": _export(r, ready=True).pk}, "302 200 404 404 404 404 404"),
    "public:localities": ("get", lambda r: {}, PUBLIC),
    "public:organization": ("get", lambda r: {"pk": r.org_a.pk}, PUBLIC),
    "public:need_help": ("get", lambda r: {}, PUBLIC),
    "public:report": ("get", lambda r: {}, PUBLIC),
    "public:sent": ("get", lambda r: {"token": signing.dumps("2026-000001", salt="public-request-sent")}, PUBLIC),
    "directory:create": ("get", lambda r: {}, IMPORTERS),
    "directory:edit": ("get", lambda r: {"pk": r.org_a.pk}, "302 200 403 200 403 403 200"),
    "directory:verify": ("post", lambda r: {"pk": r.org_a.pk}, "302 302 403 403 403 403 302"),
    "directory:confirm": ("post", lambda r: {"pk": r.org_a.pk}, "302 302 403 302 403 403 302"),
    # District B is outside the coordinator's area: refused with a message (302); the administrator confirms.
    "directory:area_approve": ("post", lambda r: {"pk": _proposed(r)}, "302 302 403 403 403 403 302"),
    # Without a reason the refusal is a form message (302 back to the page); the proposal keeps waiting.
    "directory:area_reject": ("post", lambda r: {"pk": _proposed(r)}, "302 302 403 403 403 403 302"),
    "directory:export": ("get", lambda r: {}, "302 302 302 403 403 403 302"),
    "directory:map": ("get", lambda r: {}, DIRECTORY),
    "directory:map_data": ("get", lambda r: {}, DIRECTORY),
    "directory:import": ("get", lambda r: {}, IMPORTERS),
    "directory:import_template": ("get", lambda r: {}, IMPORTERS),
    "directory:import_job": ("get", lambda r: {"pk": r.import_job.pk}, "302 200 403 403 403 403 404"),
    "directory:import_confirm": ("post", lambda r: {"pk": r.import_job.pk}, "302 302 403 403 403 403 404"),
    "directory:hsds": ("get", lambda r: {}, IMPORTERS),
    # #10: an uploaded HSDS package is seen only by the one who uploaded it (the coordinator here).
    "directory:hsds_preview": ("get", lambda r: {"pk": _hsds_upload(r)}, "302 200 403 403 403 403 404"),
    "directory:hsds_import": ("post", lambda r: {"pk": _hsds_upload(r)}, "302 302 403 403 403 403 404"),
    "directory:hsds_export": ("get", lambda r: {}, "302 302 302 403 403 403 302"),  # queued (#12)
    "volunteers:list": ("get", lambda r: {}, "302 200 200 200 403 403 403"),
    "volunteers:detail": ("get", lambda r: {"pk": r.volunteer_a.pk}, "302 200 200 200 403 403 403"),
    "volunteers:create": ("get", lambda r: {}, VOLUNTEER_EDITORS),
    "volunteers:edit": ("get", lambda r: {"pk": r.volunteer_a.pk}, VOLUNTEER_EDITORS),
    "volunteers:export": ("get", lambda r: {}, "302 302 403 302 403 403 403"),
    "communities:leaders": ("get", lambda r: {}, COORD_ONLY),
    "communities:leader_export": ("get", lambda r: {}, COORD_ONLY_QUEUED),
    "communities:leader_create": ("get", lambda r: {}, COORD_ONLY),
    "communities:leader_detail": ("get", lambda r: {"pk": r.leader_a.pk}, COORD_ONLY),
    "communities:leader_edit": ("get", lambda r: {"pk": r.leader_a.pk}, COORD_ONLY),
    "helprequests:list": ("get", lambda r: {}, COORD_OP),
    "helprequests:detail": ("get", lambda r: {"pk": r.request_a.pk}, HELPER_OF_A),
    "helprequests:export": ("get", lambda r: {}, "302 302 403 403 403 403 403"),
    "helprequests:create": ("get", lambda r: {}, COORD_OP),
    "helprequests:mine": ("get", lambda r: {}, "302 403 403 200 200 403 403"),
    "helprequests:batch": ("get", lambda r: {}, COORD_OP),
    "helprequests:followup": ("get", lambda r: {"pk": r.followup_a.pk}, COORD_OP),
    "helprequests:assign": ("post", lambda r: {"pk": r.request_a.pk}, DISPATCH_POST),
    "helprequests:triage": ("post", lambda r: {"pk": r.request_a.pk}, DISPATCH_POST),
    "helprequests:accept": ("post", lambda r: {"pk": r.request_a.pk}, RESPOND_POST),
    # #9: an empty refusal or closing re-renders the page with the error by the field (422).
    "helprequests:decline": ("post", lambda r: {"pk": r.request_a.pk}, "302 422 422 422 403 403 403"),
    "helprequests:connect": ("post", lambda r: {"pk": r.request_a.pk}, RESPOND_POST),
    "helprequests:start": ("post", lambda r: {"pk": r.request_a.pk}, RESPOND_POST),
    "helprequests:close": ("post", lambda r: {"pk": r.request_a.pk}, "302 422 422 422 403 403 403"),
    "helprequests:claim": ("post", lambda r: {"pk": r.request_a.pk}, "302 403 403 302 302 403 403"),
    "people:edit": ("get", lambda r: {"pk": r.person_a.pk}, COORD_OP),
    "people:merge": ("get", lambda r: {"pk": r.person_a.pk, "other": r.person_a2.pk}, COORD_OP),
    "people:contact_create": ("get", lambda r: {"pk": r.person_a.pk}, COORD_OP),
    "people:households": ("get", lambda r: {}, COORD_OP),
    "people:household_create": ("get", lambda r: {}, COORD_OP),
    "people:household": ("get", lambda r: {"pk": r.household_a.pk}, COORD_OP),
    "phone:dashboard": ("get", lambda r: {}, "302 200 403 200 403 403 403"),
    "phone:today": ("get", lambda r: {}, "302 403 403 403 200 403 403"),
    "phone:enrol": ("get", lambda r: {}, COORD_ONLY),
    "phone:enrolment": ("get", lambda r: {"pk": r.enrolment_a.pk}, PHONE_CALLS),
    "phone:call": ("get", lambda r: {"pk": r.enrolment_a.pk}, PHONE_CALLS),
    "phone:sheet": ("get", lambda r: {}, PHONE_CALLS),
    "phone:reassign": ("post", lambda r: {"pk": r.enrolment_a.pk}, "302 302 403 403 403 403 403"),
    "phone:pause": ("post", lambda r: {"pk": r.enrolment_a.pk}, "302 302 403 302 302 403 403"),
    "phone:end": ("post", lambda r: {"pk": r.enrolment_a.pk}, "302 302 403 403 403 403 403"),
    "phone:resolve_alert": ("post", lambda r: {"pk": r.alert_a.pk}, "302 302 403 403 403 403 403"),
    "phone:call_request": ("post", lambda r: {"pk": r.call_a.pk}, "302 302 403 302 302 403 403"),
    "phone:thank": ("post", lambda r: {"pk": r.call_a.pk}, "302 302 403 403 403 403 403"),
    "phone:kpi": ("get", lambda r: {}, "302 200 403 403 403 200 403"),
    "phone:calendar": ("get", lambda r: {"token": r.calendar_token}, PUBLIC),
    # #17: «выявлен(а), нуждается в телефонной помощи» — coordinators and operators of the territory; turning it
    # into an enrolment needs phone.manage (coordinators). Empty POSTs re-render with the error by the field (422).
    "phone:identified": ("get", lambda r: {}, COORD_OP),
    "phone:identify": ("get", lambda r: {}, COORD_OP),
    "phone:identification": ("get", lambda r: {"pk": r.identification_a.pk}, COORD_OP),
    "phone:identification_enrol": ("post", lambda r: {"pk": r.identification_a.pk}, "302 422 403 403 403 403 403"),
    "phone:identification_refuse": ("post", lambda r: {"pk": r.identification_a.pk}, "302 422 422 403 403 403 403"),
    "guardianship:dashboard": ("get", lambda r: {}, COORD_ONLY),
    "guardianship:mine": ("get", lambda r: {}, "302 403 403 200 403 403 403"),
    "guardianship:reports": ("get", lambda r: {}, "302 200 403 403 403 200 403"),
    "guardianship:guardians": ("get", lambda r: {}, COORD_ONLY),
    "guardianship:guardian_create": ("get", lambda r: {}, COORD_ONLY),
    "guardianship:guardian": ("get", lambda r: {"pk": r.guardian_a.pk}, COORD_ONLY),
    "guardianship:guardian_action": (
        "post",
        lambda r: {"pk": r.guardian_a.pk, "action": "step"},
        "302 302 403 403 403 403 403",
    ),
    "guardianship:mark": ("get", lambda r: {"household_id": r.household_a.pk}, COORD_ONLY),
    "guardianship:match": ("get", lambda r: {"household_id": r.household_a.pk}, COORD_ONLY),
    "guardianship:detail": ("get", lambda r: {"pk": r.guardianship_a.pk}, GUARDIAN_OF_A),
    "guardianship:action": (
        "post",
        lambda r: {"pk": r.guardianship_a.pk, "name": "help"},
        "302 302 403 302 403 403 403",
    ),
    "guardianship:media": ("get", lambda r: {"pk": r.media_a.pk}, GUARDIAN_OF_A),
    "guardianship:document": (
        "get",
        lambda r: {"kind": "family-agreement", "pk": r.guardianship_a.pk},
        GUARDIAN_OF_A,
    ),
    "guardianship_public:apply": ("get", lambda r: {}, PUBLIC),
    "guardianship_public:feedback": ("get", lambda r: {"token": r.feedback_link.token}, PUBLIC),
    "guardianship_public:needs": ("get", lambda r: {"token": r.needs_link.token}, PUBLIC),
    # --- support centres (#16): org staff only in their organization's centres (scoping: centres/tests) ---
    "centres:list": ("get", lambda r: {}, "302 200 200 200 403 200 200"),
    "centres:create": ("get", lambda r: {}, "302 200 403 200 403 403 200"),
    "centres:candidates": ("get", lambda r: {}, "302 200 403 200 403 403 403"),
    "centres:candidate_action": (
        "post",
        lambda r: {"pk": r.candidate_a.pk, "action": "look"},
        "302 302 403 302 403 403 403",
    ),
    "centres:detail": ("get", lambda r: {"pk": r.centre_a.pk}, "302 200 200 200 403 403 200"),
    "centres:edit": ("get", lambda r: {"pk": r.centre_a.pk}, "302 200 403 200 403 403 200"),
    "centres:desk": ("get", lambda r: {"pk": r.centre_a.pk}, "302 200 403 200 403 403 403"),
    "centres:visits": ("get", lambda r: {"pk": r.centre_a.pk}, "302 200 200 200 403 403 200"),
    "centres:visit_export": ("get", lambda r: {"pk": r.centre_a.pk}, "302 302 302 302 403 403 302"),  # queued (#12)
    "centres:visit_to_request": ("post", lambda r: {"pk": r.visit_a.pk}, "302 302 403 302 403 403 403"),
    "centres:care": ("get", lambda r: {"pk": r.centre_a.pk}, "302 200 403 200 403 403 403"),
    "centres:care_visit": ("post", lambda r: {"pk": r.care_a.pk}, "302 302 403 302 403 403 403"),
    "centres:care_end": ("post", lambda r: {"pk": r.care_a.pk}, "302 302 403 302 403 403 403"),
    "centres:event_cancel": ("post", lambda r: {"pk": r.event_a.pk}, "302 302 403 302 403 403 403"),
    "centres:events": ("get", lambda r: {"pk": r.centre_a.pk}, "302 200 200 200 403 403 200"),
    "centres:event_create": ("get", lambda r: {"pk": r.centre_a.pk}, "302 200 403 200 403 403 403"),
    "centres:event": ("get", lambda r: {"pk": r.event_a.pk}, "302 200 200 200 403 403 200"),
    "centres:event_register": ("post", lambda r: {"pk": r.event_a.pk}, "302 422 403 422 403 403 403"),
    "centres:event_attendance": ("post", lambda r: {"pk": r.event_a.pk}, "302 302 403 302 403 403 403"),
    "centres:team": ("get", lambda r: {"pk": r.centre_a.pk}, "302 200 200 200 403 403 200"),
    "centres:finances": ("get", lambda r: {"pk": r.centre_a.pk}, "302 200 403 200 403 403 200"),
    "centres:report": ("get", lambda r: {"pk": r.centre_a.pk}, "302 200 403 200 403 200 200"),
    "centres:report_xlsx": ("get", lambda r: {"pk": r.centre_a.pk}, "302 302 403 302 403 302 302"),  # queued (#12)
    "centres:report_pdf": ("get", lambda r: {"pk": r.centre_a.pk}, "302 302 403 302 403 302 302"),  # queued (#12)
    "centres_public:events": ("get", lambda r: {}, PUBLIC),
    "centres_public:volunteer": ("get", lambda r: {}, PUBLIC),
    "centres_public:volunteer_sent": ("get", lambda r: {}, PUBLIC),
    # --- communities (#13): the community manager is the coordinator; analysts see only the architecture ---
    "communities:list": ("get", lambda r: {}, COORD_ONLY),
    "communities:export": ("get", lambda r: {}, COORD_ONLY_QUEUED),
    "communities:create": ("get", lambda r: {}, COORD_ONLY),
    "communities:detail": ("get", lambda r: {"pk": r.community_a.pk}, COORD_ONLY),
    "communities:edit": ("get", lambda r: {"pk": r.community_a.pk}, COORD_ONLY),
    "communities:engagement": ("post", lambda r: {"pk": r.community_a.pk}, "302 302 403 403 403 403 403"),
    "communities:audit": ("get", lambda r: {"pk": r.community_a.pk}, COORD_ONLY),
    "communities:canvas": ("get", lambda r: {"pk": r.community_a.pk, "kind": "minimum"}, COORD_ONLY),
    "communities:canvas_edit": ("get", lambda r: {"pk": r.community_a.pk, "kind": "full"}, COORD_ONLY),
    "communities:canvas_diff": ("get", lambda r: {"pk": r.community_a.pk, "kind": "minimum"}, COORD_ONLY),
    "communities:canvas_pdf": ("get", lambda r: {"pk": r.community_a.pk, "kind": "minimum"}, COORD_ONLY_QUEUED),
    "communities:canvas_docx": ("get", lambda r: {"pk": r.community_a.pk, "kind": "minimum"}, COORD_ONLY_QUEUED),
    "communities:canvas_measure": ("post", lambda r: {"pk": r.community_a.pk}, "302 302 403 403 403 403 403"),
    "communities:interactions": ("get", lambda r: {}, COORD_ONLY),
    "communities:interaction_export": ("get", lambda r: {}, COORD_ONLY_QUEUED),
    "communities:interaction_create": ("get", lambda r: {}, COORD_ONLY),
    "communities:interaction_done": ("post", lambda r: {"pk": r.interaction_a.pk}, "302 302 403 403 403 403 403"),
    "communities:roadmap": ("get", lambda r: {}, COORD_ONLY),
    "communities:roadmap_export": ("get", lambda r: {}, COORD_ONLY_QUEUED),
    "communities:roadmap_create": ("get", lambda r: {}, COORD_ONLY),
    "communities:roadmap_edit": ("get", lambda r: {"pk": r.step_a.pk}, COORD_ONLY),
    "communities:desk": ("get", lambda r: {}, COORD_ONLY),
    "communities:architecture_home": ("get", lambda r: {}, "302 302 403 403 403 302 403"),
    "communities:architecture": ("get", lambda r: {"pk": r.a.pk}, "302 200 403 403 403 200 403"),
    # --- expert sessions «Доступность заботы» and the practices library (#15) ---
    # Deleting POSTs: the coordinator removes the record first, so the administrator then finds nothing (404).
    "assessments:sessions": ("get", lambda r: {}, COORD_ADMIN),
    "assessments:export": ("get", lambda r: {}, "302 302 403 403 403 403 302"),  # queued (#12)
    "assessments:session_create": ("get", lambda r: {}, COORD_ADMIN),
    "assessments:session": ("get", lambda r: {"pk": r.session_a.pk}, COORD_ADMIN),
    "assessments:session_edit": ("get", lambda r: {"pk": r.session_a.pk}, COORD_ADMIN),
    "assessments:scores": ("get", lambda r: {"pk": r.session_a.pk}, COORD_ADMIN),
    "assessments:participants": ("get", lambda r: {"pk": r.session_a.pk}, COORD_ADMIN),
    "assessments:participant_remove": (
        "post",
        lambda r: {"pk": r.participant_a.pk},
        "302 302 403 403 403 403 404",
    ),
    "assessments:proposal_create": ("get", lambda r: {"pk": r.session_a.pk}, COORD_ADMIN),
    "assessments:proposal_edit": ("get", lambda r: {"pk": r.proposal_a.pk}, COORD_ADMIN),
    "assessments:proposals": ("get", lambda r: {}, COORD_ADMIN),
    "assessments:proposal_export": ("get", lambda r: {}, "302 302 403 403 403 403 302"),  # queued (#12)
    "assessments:proposal_delete": ("post", lambda r: {"pk": r.proposal_a.pk}, "302 302 403 403 403 403 404"),
    # Sending to the roadmap also needs the communities capability: administrators are refused.
    "assessments:proposal_roadmap": ("post", lambda r: {"pk": r.proposal_a.pk}, "302 302 403 403 403 403 403"),
    "assessments:tasks": ("get", lambda r: {"pk": r.session_a.pk}, COORD_ADMIN),
    "assessments:task_remove": ("post", lambda r: {"pk": r.task_a.pk}, "302 302 403 403 403 403 404"),
    "assessments:protocol_pdf": ("get", lambda r: {"pk": r.session_a.pk}, "302 302 403 403 403 403 302"),  # queued
    "assessments:protocol_docx": ("get", lambda r: {"pk": r.session_a.pk}, "302 302 403 403 403 403 302"),  # (#12)
    "assessments:protocol_template": ("get", lambda r: {}, COORD_ADMIN),
    "assessments:protocol_template_default": ("get", lambda r: {}, COORD_ADMIN),
    "assessments:protocol_template_reset": (
        "post",
        lambda r: {"pk": r.protocol_template_a.pk},
        "302 302 403 403 403 403 404",
    ),
    "assessments:heat_map": ("get", lambda r: {}, "302 200 403 403 403 200 200"),
    "assessments:heat_map_export": ("get", lambda r: {}, "302 302 403 403 403 302 302"),  # queued (#12)
    "assessments:over_time": ("get", lambda r: {}, "302 200 403 403 403 200 200"),
    "assessments:checklists": ("get", lambda r: {}, COORD_ADMIN),
    "assessments:checklist_edit": ("get", lambda r: {"pk": r.session_a.template_id}, COORD_ADMIN),
    "practices:library": ("get", lambda r: {}, PUBLIC),
    "practices:detail": ("get", lambda r: {"pk": r.practice.pk}, PUBLIC),
    "practices:photo": ("get", lambda r: {"pk": r.practice_photo.pk}, PUBLIC),
    "practices:manage": ("get", lambda r: {}, COORD_ADMIN),
    "practices:export": ("get", lambda r: {}, "302 302 403 403 403 403 302"),  # queued (#12)
    "practices:create": ("get", lambda r: {}, COORD_ADMIN),
    "practices:edit": ("get", lambda r: {"pk": r.practice.pk}, COORD_ADMIN),
    "practices:publish": ("post", lambda r: {"pk": r.practice_draft.pk}, "302 302 403 403 403 403 302"),
    "practices:photos": ("get", lambda r: {"pk": r.practice.pk}, COORD_ADMIN),
    "practices:photo_delete": ("post", lambda r: {"pk": r.practice_photo.pk}, "302 302 403 403 403 403 404"),
    # --- daily work of each role (#9) ---
    "phone:mine": ("get", lambda r: {}, "302 403 403 403 200 403 403"),
    "accounts:users": ("get", lambda r: {}, COORD_ADMIN),
    "accounts:user": ("get", lambda r: {"pk": r.users["volunteer"].pk}, COORD_ADMIN),
    "accounts:invite": ("get", lambda r: {}, COORD_ADMIN),
    # Two-factor login (#11): nobody has an app in the fixture, so the code page sends everyone on (302);
    # connecting an app is open to every signed-in role; only administrators reset someone's second factor.
    "accounts:two_factor_verify": ("get", lambda r: {}, "302 302 302 302 302 302 302"),
    "accounts:two_factor_enrol": ("get", lambda r: {}, STAFF_ONLY),
    "accounts:two_factor_backup": ("get", lambda r: {}, "302 302 302 302 302 302 302"),
    "accounts:two_factor_reset": ("post", lambda r: {"pk": r.users["volunteer"].pk}, "302 403 403 403 403 403 302"),
    "accounts:password_set": ("get", lambda r: {"uidb64": "MQ", "token": "bad-token"}, PUBLIC),
    "accounts:password_set_done": ("get", lambda r: {}, PUBLIC),
    "public:status": ("get", lambda r: {}, PUBLIC),
    "people:confirm": ("post", lambda r: {"pk": r.person_a.pk}, DISPATCH_POST),
    # --- destruction after withdrawal (#11, 152-FZ art. 21): coordinators of the territory and administrators ---
    "people:destructions": ("get", lambda r: {}, COORD_ADMIN),
    "people:destruction_act": ("get", lambda r: _destruction(r, done=True), "302 302 403 403 403 403 302"),  # queued
    "people:destruction_perform": ("post", lambda r: _destruction(r, done=False), "302 302 403 403 403 403 302"),
    # --- statistics for decisions (#18): aggregates for coordinators, analysts and administrators ---
    "stats:dashboard": ("get", lambda r: {}, "302 200 403 403 403 200 200"),
    "stats:export": ("get", lambda r: {}, "302 302 403 403 403 302 302"),  # queued (#12)
    "stats:tables_export": ("get", lambda r: {}, "302 302 403 403 403 302 302"),
    "stats:report_pdf": ("get", lambda r: {}, "302 302 403 403 403 302 302"),  # queued (#12)
    "stats:gaps": ("get", lambda r: {}, "302 200 403 403 403 200 200"),
    "stats:gaps_export": ("get", lambda r: {}, "302 302 403 403 403 302 302"),
    "stats:gaps_map": ("get", lambda r: {}, "302 200 403 403 403 200 200"),
    # --- social ties and isolation risk (#17): coordinators and operators; analysts the counts only ---
    "ties:worklist": ("get", lambda r: {}, COORD_OP),
    "ties:export": ("get", lambda r: {}, "302 302 302 403 403 403 403"),
    "ties:counts": ("get", lambda r: {}, "302 200 403 403 403 200 200"),
    "ties:tie_create": ("get", lambda r: {"pk": r.person_a.pk}, COORD_OP),
    "ties:tie_edit": ("get", lambda r: {"pk": r.tie_a.pk}, COORD_OP),
    "ties:tie_contacted": ("post", lambda r: {"pk": r.tie_a.pk}, DISPATCH_POST),
    "ties:step_enrol": ("post", lambda r: {"pk": r.person_a2.pk}, "302 302 403 403 403 403 403"),
    "ties:step_invite": ("post", lambda r: {"pk": r.person_a2.pk, "event": r.event_a.pk}, DISPATCH_POST),
    "ties:step_visit": ("post", lambda r: {"pk": r.person_a2.pk}, DISPATCH_POST),
    "ties:task_create": ("post", lambda r: {"pk": r.person_a.pk}, DISPATCH_POST),
    "ties:task_done": ("post", lambda r: {"pk": r.task_a.pk}, DISPATCH_POST),
    "ties:leaflet": ("get", lambda r: {"pk": r.person_a.pk}, "302 302 302 403 403 403 403"),  # queued (#12)
    # --- guardianship as the seed prescribes (#18g): the regional headquarters are coordinators ---
    "guardianship:calls": ("get", lambda r: {}, COORD_ONLY),
    "guardianship:stories": ("get", lambda r: {}, COORD_ONLY),
    "guardianship:stories_package": ("get", lambda r: {}, COORD_ONLY_QUEUED),
    "guardianship:stories_sent": ("post", lambda r: {}, "302 302 403 403 403 403 403"),
    "guardianship:family_apply": ("get", lambda r: {"household_id": r.household_new.pk}, COORD_ONLY),
    "guardianship:application_decline": (
        "post",
        lambda r: {"pk": r.application_new.pk},
        "302 302 403 403 403 403 403",
    ),
    # --- outreach kit (#14): the coordinator of the territory; respondents need only their personal link ---
    "outreach:questionnaires": ("get", lambda r: {}, COORD_ONLY),
    "outreach:questionnaire_create": ("get", lambda r: {}, COORD_ONLY),
    "outreach:questionnaire": ("get", lambda r: {"pk": r.questionnaire_a.pk}, COORD_ONLY),
    "outreach:questionnaire_edit": ("get", lambda r: {"pk": r.questionnaire_a.pk}, COORD_ONLY),
    "outreach:questionnaire_copy": ("post", lambda r: {"pk": r.questionnaire_a.pk}, "302 302 403 403 403 403 403"),
    "outreach:questionnaire_print": ("get", lambda r: {"pk": r.questionnaire_a.pk}, COORD_ONLY_QUEUED),
    "outreach:question_create": ("get", lambda r: {"pk": r.questionnaire_a.pk}, COORD_ONLY),
    "outreach:question_edit": ("get", lambda r: {"pk": r.question_a.pk}, COORD_ONLY),
    # The questionnaire was sent: deleting a question is refused with a message (back to the page).
    "outreach:question_delete": ("post", lambda r: {"pk": r.question_a.pk}, "302 302 403 403 403 403 403"),
    "outreach:sending_create": ("get", lambda r: {"pk": r.questionnaire_a.pk}, COORD_ONLY),
    "outreach:sending": ("get", lambda r: {"pk": r.sending_a.pk}, COORD_ONLY),
    "outreach:results": ("get", lambda r: {"pk": r.sending_a.pk}, COORD_ONLY),
    "outreach:sending_export": ("get", lambda r: {"pk": r.sending_a.pk}, COORD_ONLY_QUEUED),
    "outreach:recipient": ("get", lambda r: {"pk": r.answered_a.pk}, COORD_ONLY),
    "outreach:paper_entry": ("get", lambda r: {"pk": r.waiting_a.pk}, COORD_ONLY),
    "outreach:letters": ("get", lambda r: {}, COORD_ONLY),
    "outreach:letter_export": ("get", lambda r: {}, COORD_ONLY_QUEUED),
    "outreach:letter_file": ("get", lambda r: {"pk": r.letter_a.pk, "fmt": "pdf"}, COORD_ONLY),
    "outreach:letter_zip": ("get", lambda r: {"batch": r.letter_a.batch}, COORD_ONLY_QUEUED),
    "outreach:templates": ("get", lambda r: {}, COORD_ONLY),
    "outreach:template_create": ("get", lambda r: {}, COORD_ONLY),
    "outreach:template_edit": ("get", lambda r: {"pk": r.letter_a.template_id}, COORD_ONLY),
    "outreach:merge": ("get", lambda r: {"pk": r.letter_a.template_id}, COORD_ONLY),
    "outreach:contacts": ("get", lambda r: {}, COORD_ONLY),
    "outreach:contact_export": ("get", lambda r: {}, COORD_ONLY_QUEUED),
    "outreach:contact_create": ("get", lambda r: {}, COORD_ONLY),
    "outreach:contact_edit": ("get", lambda r: {"pk": r.contact_a.pk}, COORD_ONLY),
    "outreach_public:answer": ("get", lambda r: {"token": r.waiting_a.token}, PUBLIC),
}

# Namespaces tested elsewhere: the Django admin below, the API by its own matrix.
SKIPPED_NAMESPACES = {"admin", "api"}

# (method, path template) → (path args builder, JSON body builder, answers)
API = {
    ("get", "/api/v1/territories"): (lambda r: {}, None, "401 200 200 200 200 200 200"),
    ("post", "/api/v1/territories"): (
        lambda r: {},
        lambda r: {"name": "Новый посёлок", "kind": "settlement", "parent_id": r.a.pk},
        "401 201 403 403 403 403 201",
    ),
    ("get", "/api/v1/territories/{territory_id}"): (
        lambda r: {"territory_id": r.a1.pk},
        None,
        "401 200 200 200 200 200 200",
    ),
    ("get", "/api/v1/catalog"): (lambda r: {}, None, "401 200 200 200 200 200 200"),
    ("get", "/api/v1/organizations"): (lambda r: {}, None, "401 200 200 200 403 403 200"),
    ("post", "/api/v1/organizations"): (
        lambda r: {},
        lambda r: {"name": "Новая НКО", "kind": "ngo", "territory_id": r.a1.pk, "service_codes": ["groceries"]},
        "401 201 403 403 403 403 201",
    ),
    ("get", "/api/v1/organizations/{org_id}"): (lambda r: {"org_id": r.org_a.pk}, None, "401 200 200 200 403 403 200"),
    ("patch", "/api/v1/organizations/{org_id}"): (
        lambda r: {"org_id": r.org_a.pk},
        lambda r: {"capacity": 12},
        "401 200 403 200 403 403 200",
    ),
    ("get", "/api/v1/public/search"): (lambda r: {}, None, "200 200 200 200 200 200 200"),
    ("get", "/api/v1/volunteers"): (lambda r: {}, None, "401 200 200 200 403 403 403"),
    ("post", "/api/v1/volunteers"): (
        lambda r: {},
        lambda r: {
            "full_name": "Новиков Никита",
            "age_group": "youth",
            "territory_id": r.a1.pk,
            "organization_id": r.org_a.pk,
        },
        "401 201 403 201 403 403 403",
    ),
    ("get", "/api/v1/volunteers/{volunteer_id}"): (
        lambda r: {"volunteer_id": r.volunteer_a.pk},
        None,
        "401 200 200 200 403 403 403",
    ),
    ("patch", "/api/v1/volunteers/{volunteer_id}"): (
        lambda r: {"volunteer_id": r.volunteer_a.pk},
        lambda r: {"max_load": 4},
        "401 200 403 200 403 403 403",
    ),
}


def _export(r, ready=False):
    from django.core.files.base import ContentFile

    from exports.models import Export

    item = Export.objects.create(owner=r.users["coordinator"], kind="people", title="Подопечные")
    if ready:
        item.file.save("vygruzka.xlsx", ContentFile(b"PK export"), save=False)
        item.status = Export.Status.DONE
        item.save()
    return item


def _subject_report(r, ready=False):
    from django.core.files.base import ContentFile

    from privacy.models import SubjectReport

    item = SubjectReport.objects.create(beneficiary=r.person_a)
    if ready:
        item.file.save("spravka.pdf", ContentFile(b"%PDF-1.7 report"), save=False)
        item.state = SubjectReport.State.READY
        item.save()
    return item


def _assigned(r):
    r.reset_request_a()


def _routable(r):
    from catalog.models import ServiceCategory
    from directory.models import OrganizationService

    OrganizationService.objects.get_or_create(
        organization=r.org_a, category=ServiceCategory.objects.get(code="groceries")
    )
    r.reset_request_a("new")


API.update(
    {
        ("get", "/api/v1/beneficiaries/{beneficiary_id}"): (
            lambda r: {"beneficiary_id": r.person_a.pk},
            None,
            "401 200 200 403 403 403 403",
        ),
        ("post", "/api/v1/beneficiaries"): (
            lambda r: {},
            lambda r: {"full_name": "Новый Человек", "territory_id": r.a1.pk, "consent": {"purpose": "personal_data"}},
            "401 201 201 403 403 403 403",
        ),
        ("post", "/api/v1/requests"): (
            lambda r: {},
            lambda r: {"beneficiary_id": r.person_a.pk, "channel": "hotline", "need_codes": ["groceries"]},
            "401 201 201 403 403 403 403",
        ),
        ("get", "/api/v1/requests"): (lambda r: {}, None, "401 200 200 200 200 403 403"),
        ("get", "/api/v1/requests/{request_id}"): (
            lambda r: {"request_id": r.request_a.pk},
            None,
            "401 200 200 200 403 403 403",
        ),
        ("get", "/api/v1/requests/{request_id}/suggestions"): (
            lambda r: {"request_id": r.request_a.pk},
            None,
            "401 200 200 403 403 403 403",
        ),
        ("post", "/api/v1/requests/{request_id}/assign"): (
            lambda r: {"request_id": r.request_a.pk},
            lambda r: {"provider_type": "organization", "provider_id": r.org_a.pk},
            "401 200 200 403 403 403 403",
            _routable,
        ),
        ("post", "/api/v1/requests/{request_id}/accept"): (
            lambda r: {"request_id": r.request_a.pk},
            lambda r: {},
            "401 200 200 200 403 403 403",
            _assigned,
        ),
        ("post", "/api/v1/requests/{request_id}/decline"): (
            lambda r: {"request_id": r.request_a.pk},
            lambda r: {"reason": "Нет машины"},
            "401 200 200 200 403 403 403",
            _assigned,
        ),
        ("post", "/api/v1/requests/{request_id}/connect"): (
            lambda r: {"request_id": r.request_a.pk},
            lambda r: {},
            "401 200 200 200 403 403 403",
            _assigned,
        ),
        ("post", "/api/v1/requests/{request_id}/close"): (
            lambda r: {"request_id": r.request_a.pk},
            lambda r: {"reason_code": "satisfied"},
            "401 200 200 200 403 403 403",
            _assigned,
        ),
        ("post", "/api/v1/phone/enrolments"): (
            lambda r: {},
            lambda r: {
                "beneficiary_id": r.person_a2.pk,
                "weekdays": [2, 4],
                "window_start": "10:00",
                "window_end": "11:00",
                "consent_given": True,
            },
            "401 201 403 403 403 403 403",
        ),
        ("post", "/api/v1/phone/calls"): (
            lambda r: {},
            lambda r: {"enrolment_id": r.enrolment_a.pk, "reached": False},
            "401 201 403 201 201 403 403",
        ),
        ("get", "/api/v1/phone/kpi"): (lambda r: {}, None, "401 200 403 403 403 200 403"),
    }
)


def _not_identified(region):
    from phone.models import Identification

    Identification.objects.filter(beneficiary=region.person_a2).delete()


# --- «выявлен(а), нуждается в телефонной помощи» (#17): coordinators and operators of the territory ---
API.update(
    {
        ("get", "/api/v1/phone/identifications"): (lambda r: {}, None, "401 200 200 403 403 403 403"),
        ("get", "/api/v1/phone/identifications/{identification_id}"): (
            lambda r: {"identification_id": r.identification_a.pk},
            None,
            "401 200 200 403 403 403 403",
        ),
        ("post", "/api/v1/phone/identifications"): (
            lambda r: {},
            lambda r: {"beneficiary_id": r.person_a2.pk, "identified_by": "Петрова", "institution": "КЦСОН"},
            "401 201 201 403 403 403 403",
            _not_identified,
        ),
    }
)

# --- support centres (#16) ---
API.update(
    {
        ("get", "/api/v1/centres"): (lambda r: {}, None, "401 200 200 200 403 403 200"),
        ("get", "/api/v1/centres/visits"): (lambda r: {}, None, "401 200 200 200 403 403 200"),
        ("get", "/api/v1/centres/events"): (lambda r: {}, None, "401 200 200 200 403 403 200"),
        ("get", "/api/v1/centres/{centre_id}/report"): (
            lambda r: {"centre_id": r.centre_a.pk},
            None,
            "401 200 403 200 403 200 200",
        ),
    }
)

# --- communities (#13): read API for the coordinator (community manager) of the territory ---
API.update(
    {
        ("get", "/api/v1/communities"): (lambda r: {}, None, "401 200 403 403 403 403 403"),
        ("get", "/api/v1/communities/{community_id}"): (
            lambda r: {"community_id": r.community_a.pk},
            None,
            "401 200 403 403 403 403 403",
        ),
        ("get", "/api/v1/community-interactions"): (lambda r: {}, None, "401 200 403 403 403 403 403"),
        ("get", "/api/v1/roadmap-steps"): (lambda r: {}, None, "401 200 403 403 403 403 403"),
    }
)

# --- expert sessions «Доступность заботы» and the practices library (#15) ---
API.update(
    {
        ("get", "/api/v1/assessments/sessions"): (lambda r: {}, None, "401 200 403 403 403 403 200"),
        ("get", "/api/v1/assessments/sessions/{session_id}"): (
            lambda r: {"session_id": r.session_a.pk},
            None,
            "401 200 403 403 403 403 200",
        ),
        ("get", "/api/v1/practices"): (lambda r: {}, None, "200 200 200 200 200 200 200"),
        ("get", "/api/v1/practices/{practice_id}"): (
            lambda r: {"practice_id": r.practice.pk},
            None,
            "200 200 200 200 200 200 200",
        ),
    }
)

# --- statistics for decisions (#18): aggregates for coordinators, analysts and administrators ---
API.update(
    {
        ("get", "/api/v1/stats/summary"): (lambda r: {}, None, "401 200 403 403 403 200 200"),
        ("get", "/api/v1/stats/territories"): (lambda r: {}, None, "401 200 403 403 403 200 200"),
        ("get", "/api/v1/stats/gaps"): (lambda r: {}, None, "401 200 403 403 403 200 200"),
        ("get", "/api/v1/stats/programmes"): (lambda r: {}, None, "401 200 403 403 403 200 200"),
    }
)

# --- social ties and isolation risk (#17): people for coordinators and operators; counts for analysts too ---
API.update(
    {
        ("get", "/api/v1/beneficiaries/{beneficiary_id}/isolation-risk"): (
            lambda r: {"beneficiary_id": r.person_a.pk},
            None,
            "401 200 200 403 403 403 403",
        ),
        ("get", "/api/v1/isolation-risk/worklist"): (lambda r: {}, None, "401 200 200 403 403 403 403"),
        ("get", "/api/v1/isolation-risk/counts"): (lambda r: {}, None, "401 200 403 403 403 200 200"),
    }
)

# --- guardianship as the seed prescribes (#18g) ---
API.update(
    {
        ("post", "/api/v1/guardianship/family-applications"): (
            lambda r: {},
            lambda r: {"household_id": r.household_a.pk, "source": "onf_hotline"},
            "401 201 403 403 403 403 403",
        ),
        ("post", "/api/v1/guardianship/families/{household_id}/mark"): (
            lambda r: {"household_id": r.household_a.pk},
            lambda r: {"need_codes": ["groceries"]},
            "401 200 403 403 403 403 403",
        ),
        # household_a already has its guardian: refused with a field message
        ("post", "/api/v1/guardianship/matches"): (
            lambda r: {},
            lambda r: {"household_id": r.household_a.pk, "guardian_id": r.guardian_a.pk},
            "401 422 403 403 403 403 403",
        ),
        ("get", "/api/v1/guardianship/guardians"): (lambda r: {}, None, "401 200 403 403 403 403 403"),
        ("get", "/api/v1/guardianship/report"): (lambda r: {}, None, "401 200 403 403 403 200 403"),
    }
)

# --- outreach kit (#14): read API for the coordinator of the territory ---
API.update(
    {
        ("get", "/api/v1/questionnaires"): (lambda r: {}, None, "401 200 403 403 403 403 403"),
        ("get", "/api/v1/questionnaires/{questionnaire_id}"): (
            lambda r: {"questionnaire_id": r.questionnaire_a.pk},
            None,
            "401 200 403 403 403 403 403",
        ),
        ("get", "/api/v1/questionnaire-sendings"): (lambda r: {}, None, "401 200 403 403 403 403 403"),
        ("get", "/api/v1/questionnaire-sendings/{sending_id}/summary"): (
            lambda r: {"sending_id": r.sending_a.pk},
            None,
            "401 200 403 403 403 403 403",
        ),
        ("get", "/api/v1/letters"): (lambda r: {}, None, "401 200 403 403 403 403 403"),
    }
)

# Query strings for routes that need them.
API_QUERY = {("get", "/api/v1/public/search"): "?locality=Посёлок А1"}


def _url_names(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            if ns in SKIPPED_NAMESPACES:
                continue
            yield from _url_names(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name


def _api_routes():
    for path, methods in api.get_openapi_schema()["paths"].items():
        for method in methods:
            yield method, path


def test_it_has_a_matrix_row_for_every_url():
    missing = sorted(set(_url_names(get_resolver().url_patterns)) - set(URLS))
    assert not missing, f"URLs without a row in the access matrix: {missing}"


def test_it_has_a_matrix_row_for_every_api_route():
    missing = sorted(set(_api_routes()) - set(API))
    assert not missing, f"API routes without a row in the access matrix: {missing}"


@pytest.mark.parametrize("name", sorted(URLS))
def test_it_answers_each_role_as_the_matrix_says(region, name):
    method, kwargs, answers = URLS[name]
    url = reverse(name, kwargs=kwargs(region))
    got = {role: getattr(region.client(role), method)(url).status_code for role in ROLES}
    expected = dict(zip(ROLES, map(int, answers.split()), strict=True))
    assert got == expected


@pytest.mark.parametrize("route", sorted(API), ids=lambda r: f"{r[0].upper()} {r[1]}")
def test_it_answers_each_api_role_as_the_matrix_says(region, route):
    method, template = route
    path_args, body, answers, *prepare = API[route]
    path = template.format(**path_args(region)) + API_QUERY.get(route, "")
    got = {}
    for role in ROLES:
        client = region.api(role)
        for step in prepare:
            step(region)
        if body is None:
            got[role] = getattr(client, method)(path).status_code
        else:
            got[role] = getattr(client, method)(path, body(region), content_type="application/json").status_code
            if got[role] == 201 and template == "/api/v1/territories":
                # Territory names are unique within a parent: let the next role create it again.
                from territories.models import Territory

                Territory.objects.filter(name=body(region)["name"]).delete()
    expected = dict(zip(ROLES, map(int, answers.split()), strict=True))
    assert got == expected


def test_it_lets_only_administrators_into_the_django_admin(region):
    for role in ROLES:
        status = region.client(role).get("/admin/").status_code
        assert status == (200 if role == "admin" else 302), role
