from django.db import migrations


def load(apps, schema_editor):
    from outreach import seed

    seed.load(
        apps.get_model("outreach", "Questionnaire"),
        apps.get_model("outreach", "Question"),
        apps.get_model("outreach", "LetterTemplate"),
    )


def unload(apps, schema_editor):
    from outreach import seed

    apps.get_model("outreach", "Questionnaire").objects.filter(
        code__in=[s["code"] for s in seed.QUESTIONNAIRES], sendings__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("outreach", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
