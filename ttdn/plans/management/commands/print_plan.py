from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ttdn import docgen
from ttdn.plans import exports
from ttdn.plans.models import Plan


class Command(BaseCommand):
    help = "Print a saved plan as DOCX or PDF into --output FILE."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id", type=int)
        parser.add_argument("--format", choices=["docx", "pdf"], default="docx", dest="fmt")
        parser.add_argument("--output", required=True)

    def handle(self, *args: Any, id: int, fmt: str, output: str, **options: Any) -> None:
        plan = Plan.objects.select_related("unit", "outgoing").filter(pk=id).first()
        if plan is None:
            raise CommandError(_("No plan has the id %(id)s.") % {"id": id})
        try:
            content = exports.pdf_bytes(plan) if fmt == "pdf" else exports.docx_bytes(plan)
        except docgen.DocumentIncomplete as error:
            raise CommandError(
                _("The plan lacks: %(parts)s.") % {"parts": ", ".join(error.missing)}
            ) from None
        except docgen.PdfUnavailable:
            raise CommandError(
                _("PDF printing needs LibreOffice, which is not installed.")
            ) from None
        Path(output).write_bytes(content)
        self.stdout.write(
            _("Wrote %(path)s (%(size)s bytes).") % {"path": output, "size": len(content)}
        )
