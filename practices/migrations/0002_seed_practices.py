from django.db import migrations


def load_seed_practices(apps, schema_editor):
    from practices import seed

    seed.load(apps.get_model("practices", "Practice"), apps.get_model("practices", "Tag"))


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_practices_library")]

    operations = [migrations.RunPython(load_seed_practices, migrations.RunPython.noop)]
