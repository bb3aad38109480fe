"""The demo region shows gaps and two periods to compare."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from stats import gap_selectors, selectors
from territories.models import Territory


def test_the_demo_shows_gaps_and_a_previous_period(db, tmp_path):
    out = (tmp_path / "out.txt").open("w")
    call_command("demo_data", stdout=out)
    call_command("demo_data", stdout=out)  # idempotent
    region = Territory.objects.get(kind="region", name="Заречная область")
    today = timezone.localdate()
    found = gap_selectors.gaps_for(region, today - timedelta(days=29), today)
    gaps = {(line["territory"], line["need"]) for line in found["lines"] if line["gap"]}
    assert ("Сосновка", "Помощь на дому") in gaps and ("Ушмор", "Сопровождение и транспорт") in gaps
    assert ("Дубровка", "Продукты") not in gaps  # served by the district's organizations
    waits = [line["median_wait_hours"] for line in found["lines"] if line["median_wait_hours"] is not None]
    assert max(waits) > 72
    data = selectors.figures_for(region, today - timedelta(days=29), today)
    assert data["current"]["requests"] > 0 and data["previous"]["requests"] >= 3
