"""Hypothesis for the parsers: one profile, bounded for CI.

"ci" (the default) runs 60 examples per property, derandomised so that a run is repeatable and a
failure in CI fails the same way on a laptop, with a 5-second deadline per example: a parser that
hangs or turns quadratic on some input fails instead of stalling the suite. `HYPOTHESIS_PROFILE=deep`
searches further (1,000 examples, random) when a parser changes.
"""

import datetime
import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    deadline=datetime.timedelta(seconds=5),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "deep", max_examples=1000, deadline=datetime.timedelta(seconds=5), database=None
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
