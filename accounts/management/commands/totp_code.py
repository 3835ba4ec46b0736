"""Print the current two-factor code of an account: for the demo and for developers, never in production.

A demo visitor logging in as the county office has no authenticator app enrolled for the demo; in debug
mode this prints the code the app would show for the account's device (the one being enrolled included).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Debug mode only: print the current TOTP code of USERNAME's authenticator (for the demo)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("totp_code only runs in debug mode: in production the code is on the user's phone.")
        device = TOTPDevice.objects.filter(user__username=username).order_by("-confirmed", "-id").first()
        if device is None:
            raise CommandError(
                f"{username} has no authenticator yet: log in as {username} first, the enrolment page creates one."
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
