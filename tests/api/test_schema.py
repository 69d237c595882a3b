"""The checked-in OpenAPI schema (docs/openapi.yaml) matches the code; the docs page works
under the strict CSP (no inline scripts, no CDN)."""

from __future__ import annotations

import difflib
import re
from io import StringIO
from pathlib import Path

from django.core.management import call_command

REPO = Path(__file__).resolve().parents[2]
CHECKED_IN = REPO / "docs" / "openapi.yaml"


def test_checked_in_schema_is_up_to_date(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command(
        "spectacular",
        "--file",
        str(generated),
        "--lang",
        "en",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    new = generated.read_text(encoding="utf-8")
    old = CHECKED_IN.read_text(encoding="utf-8")
    if new != old:
        diff = "".join(
            list(
                difflib.unified_diff(
                    old.splitlines(keepends=True),
                    new.splitlines(keepends=True),
                    "docs/openapi.yaml",
                    "generated",
                )
            )[:80]
        )
        raise AssertionError("docs/openapi.yaml is out of date: run `make openapi`.\n" + diff)


def test_schema_declares_bearer_auth_and_scopes(client, db):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert "/api/v1/referrals/{id}/status/" in schema["paths"]
    assert schema["paths"]["/api/v1/oauth/token"]["post"].get("security") in ([], [{}], None)


def test_docs_page_loads_everything_from_our_own_origin(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    # No inline scripts: every <script> has a src on this site.
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts
    for attrs, body in scripts:
        assert 'src="' in attrs and not body.strip(), attrs
        src = re.search(r'src="([^"]+)"', attrs).group(1)  # type: ignore[union-attr]
        assert src.startswith("/"), src
    assert "<style" not in html
    assert "cdn." not in html
    init = re.search(r'src="([^"]*script[^"]*)"', html)
    assert init is not None
    script = client.get(init.group(1).replace("&amp;", "&"))
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


def test_database_integer_ranges_are_left_out_of_the_schema():
    """SQLite and PostgreSQL give Django integer fields different ranges; the published
    schema must not depend on the database that generated it."""
    from overstap.core.api import drop_backend_integer_bounds

    schema = {
        "a": {"type": "integer", "maximum": 2147483647, "minimum": 0},
        "b": {"type": "integer", "maximum": 9223372036854775807, "format": "int64"},
        "c": [{"type": "integer", "minimum": -2147483648, "maximum": 100}],
    }
    assert drop_backend_integer_bounds(schema) == {
        "a": {"type": "integer", "minimum": 0},
        "b": {"type": "integer"},
        "c": [{"type": "integer", "maximum": 100}],
    }
