import datetime
import json
import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ttdn.events.lunar import LunarDate, LunarDateError, to_lunar, to_solar

ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class Command(BaseCommand):
    help = "Convert a date between the solar and the Vietnamese lunar calendar (UTC+7) and print it as JSON"

    def add_arguments(self, parser: CommandParser) -> None:
        direction = parser.add_mutually_exclusive_group(required=True)
        direction.add_argument("--to-solar", metavar="YYYY-MM-DD", help="a lunar date")
        direction.add_argument("--to-lunar", metavar="YYYY-MM-DD", help="a solar date")
        parser.add_argument(
            "--leap", action="store_true", help="with --to-solar: the month is the leap month"
        )

    def handle(
        self, *args: Any, to_solar: str | None, to_lunar: str | None, leap: bool, **options: Any
    ) -> None:
        if leap and to_lunar:
            raise CommandError(_("--leap goes with --to-solar only."))
        try:
            solar, lunar = (
                convert_to_solar(to_solar, leap=leap)
                if to_solar
                else convert_to_lunar(str(to_lunar))
            )
        except (ValueError, LunarDateError) as error:
            raise CommandError(str(error)) from None
        lunar_json = {
            "year": lunar.year,
            "month": lunar.month,
            "day": lunar.day,
            "leap": lunar.leap,
        }
        self.stdout.write(json.dumps({"solar": solar.isoformat(), "lunar": lunar_json}))


def parse(text: str) -> tuple[int, int, int]:
    """Year, month and day of YYYY-MM-DD, without checking that the day exists."""
    match = ISO_DATE.match(text.strip())
    if match is None:
        raise ValueError(_("“%(text)s” is not written YYYY-MM-DD.") % {"text": text})
    year, month, day = (int(part) for part in match.groups())
    return year, month, day


def convert_to_solar(text: str, *, leap: bool) -> tuple[datetime.date, LunarDate]:
    year, month, day = parse(text)
    return to_solar(year, month, day, leap), LunarDate(year, month, day, leap)


def convert_to_lunar(text: str) -> tuple[datetime.date, LunarDate]:
    year, month, day = parse(text)
    try:
        solar = datetime.date(year, month, day)
    except ValueError as error:
        raise ValueError(
            _("%(text)s is not a date: %(reason)s.") % {"text": text, "reason": error}
        ) from None
    return solar, to_lunar(solar)
