from django.db import migrations


def preload(apps, schema_editor):
    from catalog.data import load

    load(apps.get_model("catalog", "ServiceCategory"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(preload, migrations.RunPython.noop)]
