import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ttdn.org.models import Unit
from ttdn.plans import services
from ttdn.plans.forms import import_message
from ttdn.plans.importer import PlanImportError, import_file


class Command(BaseCommand):
    help = (
        "Read a plan from a .txt, .docx or text-based .pdf FILE. --json prints the structured "
        'plan; --save saves it as a draft plan of --unit and prints {"id": …} (with --json, '
        "the id is added to the printed plan)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--unit", default="", help="the code of the unit the plan belongs to")
        parser.add_argument("--json", action="store_true", dest="as_json")
        parser.add_argument("--save", action="store_true")

    def handle(
        self, *args: Any, file: str, unit: str, as_json: bool, save: bool, **options: Any
    ) -> None:
        owner = Unit.objects.filter(code=unit).first() if unit else None
        if unit and owner is None:
            raise CommandError(_("No unit has the code %(code)s.") % {"code": unit})
        if save and owner is None:
            raise CommandError(_("Saving needs --unit CODE."))
        try:
            with quiet_logger("pypdf"):
                parsed = import_file(Path(file))
        except PlanImportError as error:
            raise CommandError(import_message(error)) from None
        data = parsed.as_dict()
        if save and owner is not None:
            data["id"] = services.save_imported(parsed, unit=owner, by=None).pk
            if not as_json:
                self.stdout.write(json.dumps({"id": data["id"]}))
                return
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(summary(parsed))


@contextmanager
def quiet_logger(name: str) -> Iterator[None]:
    """Drop the warnings of logger `name` and its children ("pypdf._reader": incorrect startxref
    pointer…) while the block runs: the command prints its own message about the file. A level
    rather than a filter, since a filter on "pypdf" would not see its children's records."""
    logger = logging.getLogger(name)
    previous = logger.level
    logger.setLevel(logging.ERROR + 1)
    try:
        yield
    finally:
        logger.setLevel(previous)


def summary(parsed: Any) -> str:
    """A few lines for a person: title, number, counts, and what was not recognised."""
    lines = [
        parsed.title or "?",
        f"{parsed.number or '-'}/{parsed.symbol or '-'}  {parsed.place or '-'}  {parsed.issued_on or '-'}",
        _(
            "%(citations)s legal bases, %(sections)s sections, %(tasks)s tasks, %(deadlines)s deadlines"
        )
        % {
            "citations": len(parsed.citations),
            "sections": sum(1 for s in parsed.sections for _node in s.walk()),
            "tasks": len(parsed.tasks),
            "deadlines": len(parsed.deadlines),
        },
    ]
    lines += [_("Not recognised: %(text)s") % {"text": text} for text in parsed.unrecognised]
    lines += [_("Warning: %(text)s") % {"text": text} for text in parsed.warnings]
    return "\n".join(lines)
