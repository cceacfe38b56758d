"""Recompute the pre-computed consolidations (roll-ups) and completeness (tallies) of rounds from
their reports: after a bulk load or a restore, or to repair. Idempotent."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from ttdn.reports import rollups
from ttdn.reports.models import Round


class Command(BaseCommand):
    help = "Recompute the roll-ups and tallies of rounds (all rounds, or those given by id)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("rounds", nargs="*", type=int, help="round ids (default: every round)")

    def handle(self, *args: Any, rounds: list[int], **options: Any) -> None:
        chosen = Round.objects.order_by("pk")
        if rounds:
            chosen = chosen.filter(pk__in=rounds)
            missing = sorted(set(rounds) - set(chosen.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"No round with id {', '.join(map(str, missing))}.")
        for round_ in chosen.select_related("form_version"):
            started = time.perf_counter()
            with transaction.atomic():
                rows = rollups.rebuild(round_)
            seconds = time.perf_counter() - started
            self.stdout.write(
                f"round {round_.pk} ({round_.period_key}): {rows} roll-ups in {seconds:.1f} s"
            )
