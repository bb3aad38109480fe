from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django_tasks_db.apps import TasksAppConfig


class ZabotaConfig(AppConfig):
    name = "zabota"
    verbose_name = "Забота"


# Third-party apps named in Russian in the administration (#9).
class AxesConfig(AxesAppConfig):
    verbose_name = "Защита от подбора паролей"


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = "Фоновые задачи"
