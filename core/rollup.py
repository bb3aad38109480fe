"""What the stored rollups of dashboards share (stats.Rollup, phone.KpiRollup): when a row is fresh, and one
row per territory and period stored even when two requests compute it at once."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction

ROLLUP_MAX_AGE = timedelta(minutes=settings.STATS_ROLLUP_MAX_AGE_MINUTES)


def fresh_rows(model, now):
    """The model's rollups computed less than ROLLUP_MAX_AGE before `now`."""
    return model.objects.filter(computed_at__gt=now - ROLLUP_MAX_AGE)


def store(model, values, **period):
    """Store the rollup of `period` (territory, date_from, date_to): one row each; returns the row."""
    try:
        with transaction.atomic():
            row, _ = model.objects.update_or_create(**period, defaults=values)
    except IntegrityError:  # a concurrent request stored the same period first: theirs is as fresh
        row = model.objects.get(**period)
    return row
