"""Locust users for ``benchmarks/load_bench.py`` (not a test module).

Case managers open their caseload, a case of theirs, search their caseload by name and
log a contact on an open case;
coordinators open the dashboard and the region's caseload. Each user logs in through the
real login form. The users and their case ids come from the JSON file in
``OVERSTAP_LOAD_USERS`` (written by the benchmark's setup).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
from typing import Any

from locust import HttpUser, between, task

_DATA: dict[str, Any] = json.loads(
    open(os.environ["OVERSTAP_LOAD_USERS"], encoding="utf-8").read()  # noqa: SIM115
)
PASSWORD = _DATA["password"]
TODAY = dt.date.today().isoformat()
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _Staff(HttpUser):
    abstract = True
    #: think time between two page views of one user (seconds)
    wait_time = between(0.5, 2.0)
    pool: list[dict[str, Any]] = []

    def on_start(self) -> None:
        self.me = random.choice(self.pool)
        page = self.client.get("/account/login/", name="login form")
        token = _CSRF.search(page.text)
        self.client.post(
            "/account/login/",
            {
                "username": self.me["username"],
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": self.host + "/account/login/"},
            name="login",
        )


class CaseManager(_Staff):
    weight = 3
    pool = _DATA["case_managers"]

    @task(3)
    def caseload(self) -> None:
        self.client.get("/cases/caseload/", name="caseload")

    @task(4)
    def case_detail(self) -> None:
        case_id = random.choice(self.me["case_ids"])
        self.client.get(f"/cases/{case_id}/", name="case detail")

    @task(1)
    def log_contact(self) -> None:
        """Open an open case's contacts and log a phone call (a write: audit, timeline)."""
        if not self.me["open_case_ids"]:
            return
        case_id = random.choice(self.me["open_case_ids"])
        page = self.client.get(f"/cases/{case_id}/contacts/", name="contacts")
        token = _CSRF.search(page.text)
        self.client.post(
            f"/cases/{case_id}/contacts/",
            {
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "date": TODAY,
                "kind": "phone",
                "summary": "Gebeld over de sollicitatie.",
            },
            headers={"Referer": f"{self.host}/cases/{case_id}/contacts/"},
            name="log contact",
        )

    @task(2)
    def search(self) -> None:
        name = random.choice(self.me["last_names"])
        self.client.get("/cases/caseload/", params={"q": name[:5]}, name="search")


class Coordinator(_Staff):
    weight = 1
    pool = _DATA["coordinators"]

    @task(2)
    def dashboard(self) -> None:
        self.client.get("/insights/", name="dashboard")

    @task(1)
    def caseload(self) -> None:
        self.client.get("/cases/caseload/", name="caseload")
