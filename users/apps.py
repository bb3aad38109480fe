from django.apps import AppConfig


class UsersConfig(AppConfig):
    """Учётные записи: список пользователей, приглашения, связь учётной записи с организацией или карточкой
    волонтёра. Above directory and volunteers (it links a login to their records); the User model, access,
    login and two-factor login stay in accounts, below every app (#10)."""

    name = "users"
    verbose_name = "Учётные записи"
