"""backup → damage → restore gives the same rows and checksums, media included (SQLite and PostgreSQL runs)."""

import json
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from core import backup
from territories.models import Territory


@pytest.fixture
def data(transactional_db):
    root = Territory.objects.create(name="Заречная область", kind="region")
    Territory.objects.create(name="Озерск", kind="settlement", parent=root, lat=54.1, lon=39.2)
    media = Path(settings.MEDIA_ROOT) / "agreements"
    media.mkdir(parents=True, exist_ok=True)
    (media / "soglashenie.pdf").write_bytes(b"%PDF-1.4 agreement")
    return root


def test_it_restores_a_backup_identical_to_what_was_saved(data, tmp_path, capsys):
    before = backup.checksums()
    call_command("backup", dir=str(tmp_path))
    archive = next(tmp_path.glob("zabota-*.tar.gz"))
    assert "Резервная копия" in capsys.readouterr().out

    Territory.objects.filter(name="Озерск").update(name="Испорчено")
    Territory.objects.create(name="Лишняя", kind="district", parent=data)
    (Path(settings.MEDIA_ROOT) / "agreements" / "soglashenie.pdf").unlink()
    assert backup.checksums() != before

    call_command("restore", str(archive), yes=True)
    assert "все таблицы совпадают" in capsys.readouterr().out
    assert backup.checksums() == before
    assert sorted(Territory.objects.values_list("name", flat=True)) == ["Заречная область", "Озерск"]
    assert (Path(settings.MEDIA_ROOT) / "agreements" / "soglashenie.pdf").read_bytes() == b"%PDF-1.4 agreement"


def test_it_reports_tables_that_differ_from_the_manifest(data, tmp_path):
    path = backup.backup(tmp_path)
    with tarfile.open(path, "r:gz") as archive:
        archive.extractall(tmp_path / "x", filter="data")
    manifest = json.loads((tmp_path / "x" / "manifest.json").read_text())
    manifest["tables"]["territories_territory"][0] += 1
    (tmp_path / "x" / "manifest.json").write_text(json.dumps(manifest))
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(tampered, "w:gz") as archive:
        for item in (tmp_path / "x").iterdir():
            archive.add(item, item.name)
    with pytest.raises(CommandError, match="territories_territory"):
        call_command("restore", str(tampered), yes=True)


def test_it_asks_for_confirmation_before_replacing_data(data, tmp_path):
    path = backup.backup(tmp_path)
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(path))
