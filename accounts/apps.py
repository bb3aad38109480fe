from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Пользователи и доступ"

    def ready(self):
        from accounts import two_factor  # noqa: F401  (connects the login signal)
