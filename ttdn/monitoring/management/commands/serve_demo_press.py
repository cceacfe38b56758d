import time
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand

from ttdn.monitoring import press_site


class Command(BaseCommand):
    help = "Serve the demo press site on 127.0.0.1 (demo mode of `ttdn run` only)"

    def handle(self, *args: Any, **options: Any) -> None:
        address = urlsplit(settings.MONITORING_DEMO_PRESS_URL)
        server = press_site.serve(address.hostname or "127.0.0.1", address.port or 8765)
        self.stdout.write(f"demo press site on {settings.MONITORING_DEMO_PRESS_URL}")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            server.shutdown()
