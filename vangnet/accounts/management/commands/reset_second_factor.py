from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vangnet.accounts.actions import second_factor_remove
from vangnet.accounts.models import User


class Command(BaseCommand):
    help = (
        "Remove someone's authenticator app and recovery codes, for a person who lost both. "
        "At their next login they set up a new app. Check who is asking before you run this."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The email address of the account.")

    def handle(self, *args: Any, **options: Any) -> None:
        email = str(options["email"]).strip().lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            raise CommandError(f"No account with the email address {email}.")
        second_factor_remove(user=user)
        self.stdout.write(
            f"The second login step of {email} is removed. "
            "They set up a new authenticator app at their next login."
        )
