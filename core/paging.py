from django.core.paginator import Paginator

PAGE_SIZE = 25


def paginate(request, queryset, per_page=PAGE_SIZE, param="page", count=None):
    """One page of `queryset`; `param` names the query parameter when a page shows two paged lists; `count`:
    the number of rows when the caller already counted them (with other figures in one query), not counted again."""
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # a cached property: set, it is not asked of the database
    page = paginator.get_page(request.GET.get(param))
    query = request.GET.copy()
    query.pop(param, None)
    page.query_string = query.urlencode()
    page.param = param
    return page


class KeysetPage:
    """A page of a long list read after a cursor (#12): no COUNT(*) over the table and no OFFSET, so the
    hundredth page costs what the first does. Links: «Дальше» (the cursor of this page's last row) and
    «В начало»; the template is partials/keyset.html."""

    def __init__(self, rows, has_next, cursor, is_first, query_string, param):
        self.object_list = rows
        self.has_next = has_next
        self.next_cursor = cursor
        self.is_first = is_first
        self.query_string = query_string
        self.param = param

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]


def _encode(values):
    import base64
    import json

    return base64.urlsafe_b64encode(json.dumps(values, default=str).encode()).decode().rstrip("=")


def _decode(text, fields):
    """The cursor's values converted by each field; None for a cursor that is not ours (then the first page)."""
    import base64
    import binascii
    import json

    from django.core.exceptions import ValidationError

    try:
        values = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        if not isinstance(values, list) or len(values) != len(fields) or any(v is None for v in values):
            return None
        return [field.to_python(value) for field, value in zip(fields, values, strict=True)]
    except (ValueError, TypeError, binascii.Error, ValidationError, UnicodeDecodeError):
        return None


def _after(order, values):
    """Rows strictly after `values` in `order`: (a > x) | (a = x & b > y) | … («<» for descending fields)."""
    from django.db.models import Q

    condition = Q()
    equal = Q()
    for name, value in zip(order, values, strict=True):
        field = name.lstrip("-")
        step = Q(**{f"{field}__{'lt' if name.startswith('-') else 'gt'}": value})
        condition |= equal & step
        equal &= Q(**{field: value})
    return condition


def keyset(request, queryset, order, per_page=PAGE_SIZE, param="after"):
    """One page of `queryset` in `order` (field names of the model or of its annotations, never null, the last
    one unique — e.g. ("-received_at", "-pk")) after the cursor in `?after=`; a bad cursor gives the first
    page."""
    model = queryset.model
    names = [name.lstrip("-") for name in order]
    annotations = queryset.query.annotations
    fields = [
        model._meta.pk
        if name == "pk"
        else annotations[name].output_field
        if name in annotations
        else model._meta.get_field(name)
        for name in names
    ]
    queryset = queryset.order_by(*order)
    raw = request.GET.get(param, "")
    values = _decode(raw, fields) if raw else None
    if values is not None:
        queryset = queryset.filter(_after(order, values))
    rows = list(queryset[: per_page + 1])
    has_next = len(rows) > per_page
    rows = rows[:per_page]
    cursor = None
    if has_next:
        last = rows[-1]
        attrs = [
            "pk" if n == "pk" else n if n in annotations else f.attname for n, f in zip(names, fields, strict=True)
        ]
        cursor = _encode([getattr(last, attr) for attr in attrs])
    query = request.GET.copy()
    query.pop(param, None)
    query.pop("page", None)
    return KeysetPage(rows, has_next, cursor, values is None, query.urlencode(), param)
