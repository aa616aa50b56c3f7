"""Never an empty map: every moment of the timeline shows at least one site, line or event.

Checked by ``python -m geoapp validate`` once the data has loaded. It needs the state of the crisis
at a moment (:mod:`geoapp.situation`), which the readers in :mod:`geoapp.io` may not import, hence a
module of its own.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from geoapp import clock
from geoapp.io import Problem
from geoapp.situation import Prepared, situation_at, step_moments

#: How often the timeline is sampled.
STEP = timedelta(days=1)


def empty_moments(prepared: Prepared, step: timedelta = STEP) -> list[datetime]:
    """The sampled moments (``clock.TIMELINE_START`` to ``clock.TIMELINE_END``) with nothing on the map:
    no site in any status, no quarantine line and no event of the moment."""
    out = []
    for t in step_moments(clock.TIMELINE_START, clock.TIMELINE_END, step):
        s = situation_at(prepared, t)
        if not (s.sites or s.quarantine or s.events):
            out.append(t)
    return out


def empty_map_problems(prepared: Prepared, step: timedelta = STEP) -> list[Problem]:
    """One problem per run of consecutive empty moments, named by its first and last moment."""
    runs: list[list[datetime]] = []
    for t in empty_moments(prepared, step):
        if runs and t - runs[-1][-1] == step:
            runs[-1].append(t)
        else:
            runs.append([t])
    return [Problem("timeline", f"{clock.iso(r[0])} to {clock.iso(r[-1])}", "map",
                    f"nothing is on the map on {len(r)} sampled day(s): no site, quarantine line or event in "
                    "force; start a site's period earlier or add an event (sites.yaml, events.yaml)")
            for r in runs]
