"""Signals of the cases app.

``cases_changed`` tells listeners (the dashboard's read model in ``overstap.insights``)
that rows of these cases changed through a bulk ``QuerySet.update()``, which sends no
``post_save``. Send it inside the changing transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.dispatch import Signal

#: ``case_ids``: the ids of the changed cases.
cases_changed = Signal()


def send_cases_changed(case_ids: Iterable[int]) -> None:
    cases_changed.send(sender=None, case_ids=list(case_ids))
