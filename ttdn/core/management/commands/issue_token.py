import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ttdn.core.services import create_token


class Command(BaseCommand):
    help = "Create a personal API token for USERNAME and print it (shown only this once)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="script", help="a label for the token")
        parser.add_argument(
            "--expires",
            type=datetime.date.fromisoformat,
            default=None,
            help="last day the token works (YYYY-MM-DD); default: until revoked",
        )

    def handle(
        self, *args: Any, username: str, name: str, expires: datetime.date | None, **options: Any
    ) -> None:
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {username!r}")
        # Whoever runs this has the server and its database: no second factor to ask for.
        try:
            _token, key = create_token(user, name=name, by=user, expires_on=expires, verified=True)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(key)
