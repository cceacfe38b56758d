import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import get_commands
from django.core.management.base import BaseCommand, CommandParser

from ttdn.core.demo import DEMO_PASSWORD

# Gunicorn restarts a worker whose request runs longer; set here rather than left to gunicorn's
# default, and the same in docs/deploy.md. Heavy work belongs to the task worker.
WEB_TIMEOUT = 60


class Command(BaseCommand):
    help = "Serve the product on one machine: web server, task worker and scheduler together"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--timeout",
            type=int,
            default=WEB_TIMEOUT,
            help=f"seconds a request may take before its worker is restarted (default {WEB_TIMEOUT})",
        )

    def handle(self, *args: Any, bind: str, workers: int, timeout: int, **options: Any) -> None:
        processes = self.start(bind, workers, timeout)
        self.banner(bind)
        stop = {"now": False}

        def request_stop(signum: int, frame: object) -> None:
            stop["now"] = True

        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
        while not stop["now"] and all(p.poll() is None for p in processes.values()):
            time.sleep(0.5)
        self.shutdown(processes)

    def start(
        self, bind: str, workers: int, timeout: int = WEB_TIMEOUT
    ) -> dict[str, subprocess.Popen[bytes]]:
        python = sys.executable
        clear_metrics_dir()
        commands = {
            "web": [
                python,
                "-m",
                "gunicorn",
                "ttdn.wsgi",
                "--bind",
                bind,
                "--workers",
                str(workers),
                "--threads",
                "4",
                "--access-logfile",
                "-",
                "--timeout",
                str(timeout),
                "--graceful-timeout",
                "5",
            ],
            "worker": [python, "-m", "ttdn.manage", "worker"],
            "scheduler": [python, "-m", "ttdn.manage", "scheduler"],
        }
        # Demo mode (demo accounts loaded): the local sites the demo's data points at, such as
        # the press site monitoring fetches, so the demo moves without internet.
        if get_user_model().objects.filter(is_demo=True).exists():
            for name in sorted(c for c in get_commands() if c.startswith("serve_demo_")):
                commands[name] = [python, "-m", "ttdn.manage", name]
        return {name: subprocess.Popen(cmd) for name, cmd in commands.items()}

    def banner(self, bind: str) -> None:
        demo = get_user_model().objects.filter(is_demo=True).order_by("username")
        lines = [f"\nTTĐN is running on http://{bind}/  (Ctrl-C stops web, worker and scheduler)"]
        if demo.exists():
            lines.append(f"Demo accounts, all with the password {DEMO_PASSWORD!r}:")
            lines += [f"  {u.username:<28} {u.get_full_name()}" for u in demo[:40]]
            lines.append(
                f"\nOpen http://{bind}/ and sign in as phong-hongbang (officer) or "
                f"phong-hongbang-lanhdao (leader: issues, approves), password {DEMO_PASSWORD}."
            )
        self.stdout.write("\n".join(lines) + "\n")

    def shutdown(self, processes: dict[str, subprocess.Popen[bytes]]) -> None:
        for name, process in processes.items():
            if process.poll() is None:
                process.terminate()
            elif process.returncode:
                self.stderr.write(f"{name} stopped with code {process.returncode}")
        for process in processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        self.stdout.write("TTĐN stopped.")


def clear_metrics_dir() -> None:
    """Request counts shared by the web processes start from zero with the web service
    (prometheus_client's multiprocess mode keeps a file per process that ever ran)."""
    if settings.METRICS_DIR:
        for stale in Path(settings.METRICS_DIR).glob("*.db"):
            stale.unlink(missing_ok=True)
