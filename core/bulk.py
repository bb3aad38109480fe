"""Inserting many rows at once (#12: an import of 100 000 organizations).

`insert(objs)` writes unsaved instances of one model as `bulk_create` does — no signals, no `save()` — and sets
their primary keys. On PostgreSQL it streams them with COPY, the keys taken from the table's sequence first:
Django's bulk INSERT … UNNEST quotes every value into arrays in Python, which cost more than the database's
own work (a JSON column most of all). Elsewhere it is `bulk_create` in batches.
"""

from django.db import connections, router

BATCH = 2000
_PLAIN = (str, int, float, bool, type(None))
# columns whose plain Python value is already what the field would send (a JSON column's str is not: it is JSON)
_AS_IS = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "EmailField",
    "FloatField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "URLField",
}


def _sequence_ids(connection, opts, count):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [opts.db_table, opts.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _as_is(fields):
    return {
        f.name
        for f in fields
        if f.get_internal_type() in _AS_IS and type(f).__module__.startswith("django.db.models.fields")
    }


def _copy(connection, opts, fields, rows):
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    connection.ensure_connection()
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {quote(opts.db_table)} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def insert_rows(model, columns, rows, *, batch_size=BATCH):
    """Rows as tuples of values for the named fields (attnames), without an instance per row: for the largest
    batches, where building the instances costs more than writing them. Fields not named take their default
    (a callable default is called once for all the rows); the primary key, when not named, comes from the
    table's sequence. Returns the number of rows written."""
    rows = list(rows)
    if not rows:
        return 0
    opts = model._meta
    named = [opts.get_field(name) for name in columns]
    others = [f for f in opts.concrete_fields if f not in named and not f.primary_key]
    defaults = tuple(f.get_default() for f in others)
    alias = router.db_for_write(model)
    connection = connections[alias]
    if connection.vendor != "postgresql":
        names = [f.attname for f in [*named, *others]]
        objs = [model(**dict(zip(names, (*row, *defaults), strict=True))) for row in rows]
        model._default_manager.using(alias).bulk_create(objs, batch_size=batch_size)
        return len(rows)
    fields = [*named, *others]
    with_pk = opts.pk in named
    if not with_pk:
        fields.append(opts.pk)
    as_is = _as_is(fields)
    plain = [f.name in as_is for f in fields]
    ids = iter(()) if with_pk else iter(_sequence_ids(connection, opts, len(rows)))

    def values(row):
        full = (*row, *defaults) if with_pk else (*row, *defaults, next(ids))
        return [
            v if keep and type(v) in _PLAIN else f.get_db_prep_save(v, connection)
            for f, keep, v in zip(fields, plain, full, strict=True)
        ]

    _copy(connection, opts, fields, (values(row) for row in rows))
    return len(rows)


def insert(objs, *, batch_size=BATCH):
    """objs: unsaved instances of one model. Returns them with their primary keys set."""
    objs = list(objs)
    if not objs:
        return objs
    model = type(objs[0])
    alias = router.db_for_write(model)
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return model._default_manager.using(alias).bulk_create(objs, batch_size=batch_size)
    opts = model._meta
    pk = opts.pk
    missing = [obj for obj in objs if obj.pk is None]
    if missing and not pk.auto_created and pk.get_internal_type() not in ("AutoField", "BigAutoField"):
        return model._default_manager.using(alias).bulk_create(objs, batch_size=batch_size)
    for obj, new_id in zip(missing, _sequence_ids(connection, opts, len(missing)), strict=True):
        setattr(obj, pk.attname, new_id)
    fields = list(opts.concrete_fields)
    as_is = _as_is(fields)

    def value(field, obj):
        raw = field.pre_save(obj, True)
        # plain values of plain columns go as they are (what get_db_prep_save returns); the rest through the field
        return raw if type(raw) in _PLAIN and field.name in as_is else field.get_db_prep_save(raw, connection)

    _copy(connection, opts, fields, ([value(f, obj) for f in fields] for obj in objs))
    for obj in objs:
        obj._state.adding, obj._state.db = False, alias
    return objs
