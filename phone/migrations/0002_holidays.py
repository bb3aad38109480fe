from django.db import migrations

HOLIDAYS = [
    ("Новый год", 1, 1), ("Рождество Христово", 1, 7), ("День защитника Отечества", 2, 23),
    ("Международный женский день", 3, 8), ("Праздник Весны и Труда", 5, 1), ("День Победы", 5, 9),
    ("День России", 6, 12), ("День семьи, любви и верности", 7, 8), ("День пожилых людей", 10, 1),
    ("День народного единства", 11, 4), ("День матери", 11, 29),
]


def load(apps, schema_editor):
    Holiday = apps.get_model("phone", "Holiday")
    for name, month, day in HOLIDAYS:
        Holiday.objects.get_or_create(name=name, defaults={"month": month, "day": day})


class Migration(migrations.Migration):
    dependencies = [("phone", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
