import datetime
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ttdn.core import extract
from ttdn.documents import checker
from ttdn.documents.models import Document


class Command(BaseCommand):
    help = "Check every citation of a .txt, .docx or .pdf file against the whole legal library"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="print the checked citations as a JSON list",
        )
        parser.add_argument(
            "--as-of",
            type=datetime.date.fromisoformat,
            dest="as_of",
            default=None,
            help="judge validity on this date (YYYY-MM-DD); by default the document's own "
            "date, else today",
        )

    def handle(
        self,
        *args: Any,
        file: Path,
        as_json: bool = False,
        as_of: datetime.date | None = None,
        **options: Any,
    ) -> None:
        if not file.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        try:
            text = extract.extract_text(
                file.read_bytes(), file.suffix, seconds=settings.UPLOAD_WORKER_SECONDS
            )
        except extract.ExtractionError as failure:
            raise CommandError(str(failure)) from None
        results = checker.check_text(text, Document.objects.all(), on=as_of)
        if as_json:
            self.stdout.write(
                json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2)
            )
            return
        for result in results:
            detail = f" — {result.detail}" if result.detail else ""
            self.stdout.write(f"{result.status.value:<15} {result.citation.text}{detail}")
        problems = sum(1 for r in results if r.status.severity != "ok")
        self.stdout.write(
            _("%(count)s citations, %(problems)s to look at.")
            % {"count": len(results), "problems": problems}
        )
