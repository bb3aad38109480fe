"""Periodic check of the exports (#12): an export whose worker died does not stay «Готовится» for ever."""

from exports import services


def fail_stuck_exports():
    count = services.exports_fail_stuck()
    return f"зависшие выгрузки отмечены неудавшимися: {count}"
