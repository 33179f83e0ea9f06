"""Remind assignees a day before their assignment is due (run hourly by systemd)."""

from django.core.management.base import BaseCommand

from planning.services import send_due_reminders


class Command(BaseCommand):
    help = "E-mail each assignee whose open assignment is due within a day (once per assignment)."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"{sent} reminder(s) queued.")
