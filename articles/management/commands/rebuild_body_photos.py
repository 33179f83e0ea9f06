from django.core.management.base import BaseCommand

from articles.body_photos import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild which library photos each article's body shows (after writing bodies without "
        "save()); those photos cannot be deleted."
    )

    def handle(self, *args, **options):
        articles, links = rebuild()
        self.stdout.write(f"Đã ghi lại {links} ảnh trong nội dung của {articles} bài viết.")
