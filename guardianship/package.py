"""The package of stories for the federal headquarters #МЫВМЕСТЕ: one folder per story in a zip."""

import csv
import io
import re
import zipfile

from django.utils import timezone

from core.xlsx import csv_cell


def _slug(text):
    return re.sub(r"[^\w-]+", "-", text, flags=re.UNICODE).strip("-")[:40] or "istoriya"


def build_zip(stories):
    """Texts, photos, videos and the consent of each story (only stories with consent are passed in)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        index = io.StringIO()
        table = csv.writer(index, delimiter=";")
        table.writerow(["№", "Заголовок", "Территория", "Опекун", "Дата", "Согласие", "Файлов"])
        for n, story in enumerate(stories, 1):
            folder = f"{n:03d}-{_slug(story.title)}"
            g = story.guardianship
            created = timezone.localtime(story.created_at).strftime("%d.%m.%Y")
            archive.writestr(
                f"{folder}/istoriya.txt",
                f"{story.title}\n\n{story.text}\n\nОпекун: {g.guardian}\nТерритория: {g.household.territory}\n"
                f"Дата: {created}\n",
            )
            archive.writestr(
                f"{folder}/soglasie.txt",
                f"Согласие семьи на публикацию: {'да' if story.publication_consent else 'нет'}\n"
                f"Кто дал согласие: {story.consent_by or '—'}\n"
                f"Скан согласия: {'приложен' if story.consent_file else 'нет'}\n",
            )
            if story.consent_file:
                with story.consent_file.open("rb") as f:
                    archive.writestr(f"{folder}/soglasie-{story.consent_file.name.rsplit('/', 1)[-1]}", f.read())
            media = list(story.media.all())
            for k, item in enumerate(media, 1):
                with item.file.open("rb") as f:
                    archive.writestr(f"{folder}/{item.kind}-{k}-{item.file.name.rsplit('/', 1)[-1]}", f.read())
            table.writerow(
                [
                    csv_cell(str(v))
                    for v in (n, story.title, g.household.territory, g.guardian, created, story.consent_by)
                ]
                + [len(media)]
            )
        archive.writestr("opis.csv", "\ufeff" + index.getvalue())
    return buffer.getvalue()
