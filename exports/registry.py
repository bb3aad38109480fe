"""The export kinds (#12). Each domain app declares its kinds in `<app>/export_kinds.py`:

    register(Kind(key="requests", title="Обращения", filename="obrashcheniya", capability="requests.export",
                  headers=[...], rows=request_rows, params=("q",)))

`rows(user, params)` applies the user's scope itself (it runs in the worker with the export's owner; params
carry only the page's filters, never a scope) and returns `Rows(total, iterator, person_ids)`: the row count
for the progress bar, the rows (tuples of plain values), and — for the reads log — a list the iterator fills
with the ids of the persons it named (`audit.log.Collect.ids`), or None when the export names nobody.

Optional parts, for the exports whose file looked a little different in the request:
- `filename` may be a function of params (e.g. `anketa-<id>`); `sheet` — the sheet title when it differs from
  `title`; `label(user, params)` — the export's own title (page, list, audit «what»), e.g. naming a questionnaire;
- `headers` may be a function of (user, params) when the columns name the period;
- `about` returning "" or None leaves out the line above the columns (statistics had none);
- `write(user, params, path, progress)` builds the whole workbook itself (several sheets) and returns
  `(row count, person ids or None)`; then `headers`/`rows` are not used.

Documents that are not spreadsheets (a PDF report, a DOCX protocol, a ZIP of letters) are kinds too: `extension`
names the format and `document(user, params)` builds it in the worker, returning a `Document` (its bytes, the
file name people know it by, how many items it holds and the persons it names); `headers`/`rows` are not used.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Rows(NamedTuple):
    total: int
    rows: Any
    person_ids: list | None = None


class Document(NamedTuple):
    content: bytes
    name: str = ""  # the file name without extension (may be Cyrillic); default `filename`-date
    count: int = 1  # items it holds (pages of a report: 1; letters or stories in a ZIP)
    person_ids: list | None = None  # for the reads log; None when it names nobody


CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "zip": "application/zip",
}


@dataclass(frozen=True)
class Kind:
    key: str
    title: str  # sheet title, page title and the audit entry's «what»
    filename: str | Callable[[dict], str]  # latin file name without the date and extension
    capability: str  # checked when asked for and again in the worker
    headers: list | Callable[..., list] = field(default_factory=list)
    rows: Callable[..., Rows] | None = None
    params: tuple = ()  # the GET parameters kept from the page (filters only)
    about: Callable[..., str] | None = None  # the line above the columns (core.xlsx.export_about by default)
    extra: dict = field(default_factory=dict)
    sheet: str = ""  # the sheet title when it differs from `title`
    label: Callable[..., str] | None = None  # the export's own title from (user, params)
    write: Callable[..., tuple] | None = None  # builds a several-sheet workbook itself
    extension: str = "xlsx"  # a key of CONTENT_TYPES
    document: Callable[..., Document] | None = None  # builds a document that is not a table (pdf, docx, zip)

    def file_name(self, params):
        return self.filename(params) if callable(self.filename) else self.filename


KINDS: dict[str, Kind] = {}


def register(kind):
    KINDS[kind.key] = kind
    return kind


def get(key):
    return KINDS[key]
