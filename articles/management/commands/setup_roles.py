from django.core.management.base import BaseCommand

from articles.roles import setup_roles


class Command(BaseCommand):
    help = "Create or update the newsroom's role groups and their permissions (idempotent)."

    def handle(self, *args, **options):
        for name, group in setup_roles().items():
            self.stdout.write(f"{name}: {group.permissions.count()} quyền")
