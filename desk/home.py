"""«Рабочий стол»: blocks of counts and short lists, each app contributing its own.

An app adds a block by appending the dotted path of a function `blocks(user, now) -> list[dict]`
to HOME_BLOCKS. A block is {"title", "items": [{"label", "count", "url", "alarm"}], "rows": [...]}.
Each count links to its queue (`core.home.item`); a function returns [] for users it has nothing for.
"""

from django.utils.module_loading import import_string

HOME_BLOCKS = [
    "helprequests.home.blocks",
    "phone.home.blocks",
    "directory.home.blocks",
    "guardianship.home.blocks",
]


def blocks_for(user, now):
    result = []
    for path in HOME_BLOCKS:
        result.extend(import_string(path)(user, now))
    return result
