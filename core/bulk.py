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
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    sql = f"COPY {quote(opts.db_table)} ({columns}) FROM STDIN"

    as_is = {
        f.name
        for f in fields
        if f.get_internal_type() in _AS_IS and type(f).__module__.startswith("django.db.models.fields")
    }

    def value(field, obj):
        raw = field.pre_save(obj, True)
        # plain values of plain columns go as they are (what get_db_prep_save returns); the rest through the field
        return raw if type(raw) in _PLAIN and field.name in as_is else field.get_db_prep_save(raw, connection)

    connection.ensure_connection()
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for obj in objs:
            copy.write_row([value(f, obj) for f in fields])
            obj._state.adding, obj._state.db = False, alias
    return objs
