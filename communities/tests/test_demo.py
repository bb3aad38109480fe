from django.core.management import call_command

from communities import canvas
from communities.models import CanvasVersion, Community, Form, Interaction, MetricMeasurement, RoadmapStep


def test_the_demo_has_communities_of_every_form_idempotently(db, tmp_path):
    out = (tmp_path / "out.txt").open("w")
    call_command("demo_data", stdout=out)
    counts = (Community.objects.count(), Interaction.objects.count(), RoadmapStep.objects.count())
    call_command("demo_data", stdout=out)
    assert counts == (Community.objects.count(), Interaction.objects.count(), RoadmapStep.objects.count())
    assert counts[0] == 12
    assert set(Community.objects.values_list("form", flat=True)) == set(Form.values)
    relaunched = Community.objects.get(status="relaunching")
    assert relaunched.audits.get().decision == "relaunch"
    complete = [
        v
        for v in CanvasVersion.objects.filter(kind="minimum")
        if canvas.is_complete("minimum", v.answers, v.values, v.metrics)
    ]
    assert len(complete) == 1
    months = MetricMeasurement.objects.filter(community=complete[0].community).dates("measured_on", "month")
    assert len(months) >= 6
    assert Interaction.objects.overdue().count() >= 3 and RoadmapStep.objects.overdue().exists()
    assert Community.objects.filter(leaders__isnull=False).exists()
