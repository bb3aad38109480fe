"""#12: a document kind is built by the worker with its owner's scope — a record of another territory named in
the stored params (a forged or stale link) fails the export with a reason, and nothing is written."""

import pytest

from audit.models import AuditEntry
from exports import services
from exports.models import Export

# (kind, the params naming a record of district B) for the coordinator of district A.
OUT_OF_SCOPE = [
    ("canvas_pdf", lambda r: {"community": r.community_b.pk, "canvas": "minimum"}),
    ("protocol_docx", lambda r: {"session": r.session_b.pk}),
    ("ties_leaflet", lambda r: {"person": r.person_b.pk}),
]


@pytest.mark.parametrize(("kind", "params"), OUT_OF_SCOPE, ids=[k for k, _ in OUT_OF_SCOPE])
def test_a_record_out_of_the_owners_scope_fails_in_the_worker(region, kind, params):
    owner = region.users["coordinator"]
    export = Export.objects.create(owner=owner, kind=kind, title="Документ", params=params(region))
    services.export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED and "вне вашей территории" in export.error and not export.file
    assert not AuditEntry.objects.filter(action="export", object_type="exports.export").exists()


def test_the_centre_pdf_of_another_centre_fails_in_the_worker(region):
    owner = region.users["analyst"]
    export = Export.objects.create(
        owner=region.coordinator_b, kind="centre_report_pdf", title="Итоги", params={"centre": region.centre_a.pk}
    )
    services.export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED and "вне вашей территории" in export.error
    mine = Export.objects.create(
        owner=owner, kind="centre_report_pdf", title="Итоги", params={"centre": region.centre_a.pk}
    )
    services.export_build(export_id=mine.pk)
    mine.refresh_from_db()
    assert mine.status == Export.Status.DONE and mine.file_name.endswith(".pdf")


def test_the_stories_package_holds_only_the_owners_stories(region):
    import io
    import zipfile

    from guardianship.models import Story

    story = Story.objects.get(guardianship=region.guardianship_a)
    story.publication_consent, story.consent_by = True, "мама"
    story.save()
    for owner, expected in ((region.users["coordinator"], 1), (region.coordinator_b, 0)):
        export = Export.objects.create(
            owner=owner, kind="stories_package", title="Истории", params={"id": str(story.pk)}
        )
        services.export_build(export_id=export.pk)
        export.refresh_from_db()
        assert export.status == Export.Status.DONE and export.rows_done == expected
        with export.file.open("rb") as f:
            names = zipfile.ZipFile(io.BytesIO(f.read())).namelist()
        assert len([n for n in names if n.endswith("istoriya.txt")]) == expected
