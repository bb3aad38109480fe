"""Backup and restore of the database and uploaded files, verified by row counts and checksums per table.

SQLite is copied with its online backup API; PostgreSQL with pg_dump/pg_restore (custom format).
An archive (tar.gz) holds the database, `media/` and `manifest.json` with the checksums taken at backup."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

SKIP_TABLES = {"zabota_cache"}  # limiter counters: not worth keeping


class BackupError(Exception):
    pass


def checksums():
    """{table: [rows, sha256]} over every table, rows in primary-key order, values as text."""
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(set(connection.introspection.table_names(cursor)) - SKIP_TABLES):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY 1")  # noqa: S608 (names from introspection)
            digest, count = hashlib.sha256(), 0
            while rows := cursor.fetchmany(2000):
                for row in rows:
                    digest.update(repr(tuple(_plain(v) for v in row)).encode())
                    count += 1
            result[table] = [count, digest.hexdigest()]
    return result


def _plain(value):
    if isinstance(value, memoryview):
        return bytes(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _pg_env():
    db = connection.settings_dict
    env = dict(os.environ, PGPASSWORD=str(db.get("PASSWORD") or ""))
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432), "-U", str(db["USER"])]
    return env, args, db["NAME"]


def backup(target_dir):
    """Writes zabota-<stamp>.tar.gz into target_dir; returns its path."""
    target_dir = Path(target_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(work / "db.sqlite3") as copy:
                connection.connection.backup(copy)
            copy.close()
            database = "db.sqlite3"
        elif connection.vendor == "postgresql":
            env, args, name = _pg_env()
            _run(["pg_dump", "-Fc", "--no-owner", "-f", str(work / "db.dump"), *args, name], env)
            database = "db.dump"
        else:
            raise BackupError(f"База {connection.vendor} не поддерживается.")
        manifest = {
            "created": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "database": database,
            "tables": checksums(),
        }
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        path = target_dir / f"zabota-{stamp}.tar.gz"
        with tarfile.open(path, "w:gz") as archive:
            archive.add(work / database, database)
            archive.add(work / "manifest.json", "manifest.json")
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                archive.add(media, "media")
    return path


def restore(path):
    """Replaces the database and media with the archive's; returns the list of tables that differ (empty: ok)."""
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(work, filter="data")
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"Копия сделана из базы {manifest['vendor']}, а сейчас подключена {connection.vendor}: "
                "восстановите в базу того же вида."
            )
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(work / manifest["database"]) as source:
                source.backup(connection.connection)
            source.close()
        else:
            connection.close()
            env, args, name = _pg_env()
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "-d", name, *args, str(work / "db.dump")], env)
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        if (work / "media").exists():
            shutil.copytree(work / "media", media)
        else:
            media.mkdir(parents=True, exist_ok=True)
        now = checksums()
        expected = manifest["tables"]
        return sorted(t for t in set(expected) | set(now) if expected.get(t) != now.get(t))


def _run(command, env):
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} завершился с ошибкой: {done.stderr.strip()[:500]}")
