from django.conf import settings
from django.core.management.base import BaseCommand

from demo.content import ACCOUNTS, DEMO_PASSWORD
from demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo newsroom: organisations, sections, authors, photos, articles, accounts."

    def handle(self, *args, **options):
        counts = load_demo()
        self.stdout.write(", ".join(f"{name}: {number}" for name, number in counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Tài khoản demo (mật khẩu: {DEMO_PASSWORD}):"))
        for username, (role, full_name) in ACCOUNTS.items():
            self.stdout.write(f"  {username:<12} {role or 'Quản trị (superuser)'} — {full_name}")
        # make demo sets NEWSROOM_BASE_URL to the address it serves (PORT=…, HOST=…).
        site = settings.NEWSROOM_BASE_URL
        self.stdout.write(f"Trang công khai: {site}/  Quản trị: {site}/admin/")
