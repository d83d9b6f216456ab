"""Issue a bearer token for the JSON API (/api/v1/) to a user.

The plaintext is printed once on standard output and never stored (Wagtail's ``APIToken``
keeps only its digest); revoke a token in the Wagtail admin or with ``APIToken.revoke()``.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import APIToken


class Command(BaseCommand):
    help = "Cấp mã truy cập (bearer token) API cho một người dùng; mã chỉ hiển thị một lần."

    def add_arguments(self, parser):
        parser.add_argument("username", help="Tên đăng nhập của người dùng.")
        parser.add_argument("--name", default="", help="Tên gợi nhớ của mã truy cập.")

    def handle(self, *args, username: str, name: str, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(f"Không có người dùng “{username}”.") from None
        if not user.is_active:
            raise CommandError(f"Tài khoản “{username}” đang bị khóa.")
        label = name.strip() or f"API {timezone.localtime():%Y-%m-%d %H:%M}"
        token, plaintext = APIToken.create_token(user=user, name=label[:255])
        if getattr(user, "officer", None) is None:
            self.stderr.write(
                "Lưu ý: người dùng này không phải cán bộ của cơ quan nào; "
                "mã chỉ dùng được cho các endpoint công khai."
            )
        self.stderr.write(
            f"Đã cấp mã “{token.name}” ({token.prefix}…). Lưu lại ngay: mã không hiển thị lại."
        )
        self.stdout.write(plaintext)
