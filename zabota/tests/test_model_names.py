"""Every model of the project has a Russian name: the audit log's record-type filter and «Запись» column show it."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def _project_models():
    root = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if root in path.parents and "site-packages" not in path.parts:
            yield from config.get_models()


def test_it_names_every_project_model_in_russian():
    english = [
        m._meta.label_lower
        for m in _project_models()
        if not (CYRILLIC.search(str(m._meta.verbose_name)) and CYRILLIC.search(str(m._meta.verbose_name_plural)))
    ]
    assert english == []
    assert len(list(_project_models())) > 50  # the walk really found the project's apps
