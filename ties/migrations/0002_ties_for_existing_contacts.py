from django.db import migrations

KINDS = {"relative": "relative", "neighbour": "neighbour", "friend": "friend", "social_worker": "social_worker"}


def forward(apps, schema_editor):
    SocialContact = apps.get_model("people", "SocialContact")
    Tie = apps.get_model("ties", "Tie")
    Tie.objects.bulk_create(
        [
            Tie(beneficiary_id=c.beneficiary_id, contact_id=c.pk, kind=KINDS.get(c.relation, "other"))
            for c in SocialContact.objects.filter(tie__isnull=True).iterator()
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    """Contacts typed in before ties existed become ties (frequency and last contact unknown)."""

    dependencies = [("ties", "0001_ties_and_isolation_risk")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
