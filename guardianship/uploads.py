"""Checking uploaded files by size and by their first bytes, not only by the name."""

from django.core.exceptions import ValidationError

from core.uploads import TooLarge, check_docx, check_pdf

SIGNATURES = {
    "jpg": [b"\xff\xd8\xff"],
    "jpeg": [b"\xff\xd8\xff"],
    "png": [b"\x89PNG\r\n\x1a\n"],
    "pdf": [b"%PDF"],
    "docx": [b"PK\x03\x04"],
}
PHOTO_VIDEO = {"jpg", "jpeg", "png", "webp", "mp4", "mov"}
DOCUMENTS = {"pdf", "docx"}
MAX_MB = {"photo": 10, "video": 100, "document": 10}


def _matches(ext, head):
    if ext == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if ext in ("mp4", "mov"):
        return head[4:8] == b"ftyp"
    return any(head.startswith(sig) for sig in SIGNATURES.get(ext, []))


def check(upload, allowed):
    """Raises a Russian ValidationError unless the file is of an allowed type and size."""
    name = upload.name.lower()
    ext = name.rsplit(".", 1)[-1] if "." in name else ""
    if ext not in allowed:
        raise ValidationError(f"Файл «{upload.name}»: допустимы {', '.join(sorted(allowed))}.")
    kind = "video" if ext in ("mp4", "mov") else "document" if ext in DOCUMENTS else "photo"
    if upload.size > MAX_MB[kind] * 1024 * 1024:
        raise ValidationError(f"Файл «{upload.name}» больше {MAX_MB[kind]} МБ.")
    head = upload.read(16)
    upload.seek(0)
    if not _matches(ext, head):
        raise ValidationError(f"Файл «{upload.name}» повреждён или не соответствует расширению .{ext}.")
    if ext in DOCUMENTS:
        content = upload.read()
        upload.seek(0)
        try:
            (check_pdf if ext == "pdf" else check_docx)(content)
        except TooLarge as exc:
            raise ValidationError(f"Файл «{upload.name}»: {exc}") from exc
    return kind
