"""Create a system administrator from the server's command line: the first account of a new deployment
(who then creates every other account in the portal), or a new one when the last administrator has left.

The password is asked twice without echo, or, with --no-input (for scripts), read from the environment
variable CHENGGU_SYSADMIN_PASSWORD; it must pass the portal's password rules. Whoever ran the command knows
it, so the administrator changes it at the first login and then, like every privileged role, enrols an
authenticator app for the second factor.
"""

import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.choices import Role
from accounts.models import User
from chenggu_lawyers.audit import record
from chenggu_lawyers.models import AuditAction

PASSWORD_VARIABLE = "CHENGGU_SYSADMIN_PASSWORD"
PROMPTS = 3


class Command(BaseCommand):
    help = "Create a system administrator account (role sysadmin), who must change the password at first login."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--family-name", default="", help="Family name (姓), shown in the portal.")
        parser.add_argument("--given-name", default="", help="Given name (名).")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"Ask nothing; take the password from the environment variable {PASSWORD_VARIABLE}.",
        )

    def handle(self, *args, username, family_name, given_name, email, interactive, **options):
        user = User(
            username=username,
            role=Role.SYSADMIN,
            last_name=family_name,
            first_name=given_name,
            email=email,
            must_change_password=True,
        )
        try:
            user.full_clean(exclude=["password"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        password = self.ask_password(user) if interactive else self.password_from_environment(user)
        user.set_password(password)
        with transaction.atomic():
            user.save()
            record(
                action=AuditAction.CREATE,
                obj=user,
                changes={"after": {"username": username, "role": Role.SYSADMIN}, "via": "manage.py create_sysadmin"},
            )
        self.stdout.write(
            f"System administrator {username} created. At the first login they choose a new password and "
            "enrol an authenticator app (two-factor login); they then create the other accounts under 账号管理."
        )

    def password_from_environment(self, user) -> str:
        password = os.environ.get(PASSWORD_VARIABLE, "")
        if not password:
            raise CommandError(f"--no-input needs the password in the environment variable {PASSWORD_VARIABLE}.")
        problems = self.problems(password, user)
        if problems:
            raise CommandError(problems)
        return password

    def ask_password(self, user) -> str:
        for _attempt in range(PROMPTS):
            try:
                password = getpass.getpass("Password: ")
                again = getpass.getpass("Password (again): ")
            except (EOFError, KeyboardInterrupt) as stop:
                raise CommandError("No account created.") from stop
            if password != again:
                self.stderr.write("The two passwords differ.")
                continue
            problems = self.problems(password, user)
            if not problems:
                return password
            self.stderr.write(problems)
        raise CommandError("No account created: no acceptable password was given.")

    @staticmethod
    def problems(password: str, user) -> str:
        try:
            validate_password(password, user)
        except ValidationError as error:
            return " ".join(error.messages)
        return ""
