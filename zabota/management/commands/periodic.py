import time

from django.core.management.base import BaseCommand

from centres.periodic import extend_schedules
from communities.periodic import remind_overdue_steps
from core.mail import deliver_queued_mail
from directory.periodic import remind_to_confirm
from exports.periodic import fail_stuck_exports
from guardianship.periodic import escalate_guardianship, remind_guardianship_calls
from helprequests.periodic import escalate_overdue, remind_followups
from outreach.periodic import remind_unanswered
from people.periodic import destroy_withdrawn_data
from phone.periodic import count_missed_calls, raise_alerts
from phone.rollup import refresh_kpi
from privacy.retention import purge_expired
from stats.rollup import refresh_dashboards
from ties.periodic import recompute_isolation_risk

# Each check is idempotent: running the command twice in a row sends nothing twice.
CHECKS = [escalate_overdue, remind_followups, raise_alerts, remind_to_confirm, remind_overdue_steps, extend_schedules]
# --- social ties and isolation risk (#17) ---
CHECKS.append(recompute_isolation_risk)
CHECKS += [escalate_guardianship, remind_guardianship_calls]  # --- guardianship (#18g) ---
CHECKS.append(remind_unanswered)  # outreach kit (#14)
CHECKS.append(purge_expired)  # retention per purpose (#11): erases what outlived its purpose, audited
CHECKS.append(destroy_withdrawn_data)  # destruction after withdrawal with an act (#11, 152-FZ art. 21)
CHECKS += [count_missed_calls, refresh_dashboards]  # dashboard rollups (#12): computed ahead, read by the page
CHECKS.append(refresh_kpi)  # the phone KPI page's rollup (#12)
CHECKS.append(fail_stuck_exports)  # background exports (#12): a worker that died leaves no endless «Готовится»
CHECKS.append(deliver_queued_mail)  # last: sends what the checks above queued, retries failed mail


class Command(BaseCommand):
    help = "Периодические проверки (напоминания, эскалации). Запускайте из cron или с --loop."

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, metavar="SECONDS", help="повторять каждые SECONDS секунд")

    def handle(self, loop=None, **opts):
        while True:
            for check in CHECKS:
                self.stdout.write(f"{check.__name__}: {check()}")
            if not loop:
                return
            time.sleep(loop)
