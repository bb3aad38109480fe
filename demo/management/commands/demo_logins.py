from django.core.management.base import BaseCommand

from demo import two_factor as demo_two_factor
from demo.management.commands.demo_data import Command as DemoData


class Command(BaseCommand):
    help = "Печатает демо-логины: по одному на роль."

    def handle(self, **opts):
        self.stdout.write("Демо-входы (http://127.0.0.1:8000/login/):")
        for username, role, password in DemoData.logins():
            self.stdout.write(f"  {role:<24} логин: {username:<20} пароль: {password}")
        for line in demo_two_factor.hint():
            self.stdout.write(line)
