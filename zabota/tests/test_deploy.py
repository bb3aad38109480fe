import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7$Kq9!vN2@pL5#wR8^tY1&uI4*oP6(aS3)dF0_gH-jZ+cX=bM",
    "ALLOWED_HOSTS": "zabota.example.ru",
    "SITE_URL": "https://zabota.example.ru",
}


def _manage(tmp_path, *args, **overrides):
    env = {
        **os.environ,
        **PRODUCTION,
        **overrides,
        "DJANGO_SETTINGS_MODULE": "zabota.settings",
        "VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests in this process
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_it_passes_the_production_deploy_check(tmp_path):
    result = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_fails_the_deploy_check_with_debug_on(tmp_path):
    result = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", DEBUG="1")
    assert result.returncode != 0 and "DEBUG" in result.stderr + result.stdout


def test_it_collects_static_files_for_production(tmp_path):
    result = _manage(tmp_path, "collectstatic", "--noinput", "-v0")
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "vendor/leaflet/leaflet.js" in manifest and "zabota/app.css" in manifest
