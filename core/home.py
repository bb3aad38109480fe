"""One count of a «Рабочий стол» block (desk.home lists the apps' blocks; each app builds its own)."""


def item(label, count, url, alarm=False):
    return {"label": label, "count": count, "url": url, "alarm": bool(alarm and count)}
