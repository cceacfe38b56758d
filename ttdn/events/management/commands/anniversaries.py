import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ttdn.events import queries
from ttdn.org.models import Unit


class Command(BaseCommand):
    help = (
        "List the anniversaries of YEAR: every commemoration, or with --unit the national ones plus those "
        "of the unit and the units above it. Marks: * năm chẵn (TTDN_EVEN_YEAR_RULE); [partly]/[unverified] "
        "where the date is not fully verified."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int)
        parser.add_argument("--unit", default="", help="a unit code")
        parser.add_argument("--json", action="store_true", dest="as_json", help="print a JSON list")

    def handle(self, *args: Any, year: int, unit: str, as_json: bool, **options: Any) -> None:
        try:
            queries.check_year(year)
        except queries.YearOutOfRange as error:
            raise CommandError(str(error)) from None
        owner = Unit.objects.filter(code=unit).first() if unit else None
        if unit and owner is None:
            raise CommandError(_("No unit has the code %(code)s.") % {"code": unit})
        items = queries.anniversaries(queries.commemorations_for(owner), year)
        if as_json:
            self.stdout.write(
                json.dumps([queries.to_json(item) for item in items], ensure_ascii=False, indent=2)
            )
            return
        for item in items:
            self.stdout.write(line(item))


def line(item: queries.Anniversary) -> str:
    """2025-02-03  95 half  * national  Ngày thành lập Đảng Cộng sản Việt Nam"""
    c = item.commemoration
    ordinal = f"{item.ordinal:>4} {item.year_class}" if item.ordinal is not None else "   -"
    mark = (
        ""
        if c.verification == "verified"
        else f"  [{c.verification}{': ' + c.verification_note if c.verification_note else ''}]"
    )
    owner = f"  ({c.unit.code})" if c.unit else ""
    return f"{item.date.isoformat()}  {ordinal:<10} {'*' if item.is_even else ' '} {c.scope:<13} {c.name}{owner}{mark}"
