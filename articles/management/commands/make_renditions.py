from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from photos.models import Photo
from photos.renditions import ensure_renditions


class Command(BaseCommand):
    help = (
        "Make the missing or out-of-date renditions of every library photo (after a change of "
        "NEWSROOM_PHOTO_WIDTHS, or for photos stored before renditions existed)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Make them again even when they are current."
        )

    def handle(self, *args, force=False, **options):
        made = 0
        for photo in Photo.objects.order_by("pk").iterator(chunk_size=200):
            made += ensure_renditions(photo, force=force)
        current = Photo.objects.count() - made
        self.stdout.write(
            _("Đã tạo các cỡ cho %(made)d ảnh; %(current)d ảnh đã đủ.")
            % {"made": made, "current": current}
        )
