from django.core.management.base import BaseCommand

from articles.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild every article's search document (after a bulk import that bypassed save)."

    def handle(self, *args, **options):
        self.stdout.write(f"Đã lập chỉ mục tìm kiếm cho {rebuild_index()} bài viết.")
