"""Structured logs: JSON lines with the agreed fields, one line per request, no personal data."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys

import pytest

from overstap.core.logs import JsonFormatter, RequestIdFilter, safe_path
from overstap.privacy.audit import current_request_id

# 111222333 passes the BSN eleven-test (tests/test_log_leaks.py uses it too).
BSN = "111222333"


def _record(message: str = "hello %s", *args: object, **extra: object) -> logging.LogRecord:
    record = logging.LogRecord("overstap.test", logging.WARNING, __file__, 1, message, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_json_formatter_writes_one_json_object_with_the_fields():
    line = JsonFormatter().format(_record("imported %s rows", 12))
    assert "\n" not in line
    data = json.loads(line)
    assert data["level"] == "WARNING"
    assert data["logger"] == "overstap.test"
    assert data["message"] == "imported 12 rows"
    assert data["time"].endswith("Z") and "T" in data["time"]
    assert data["request_id"] is None


def test_json_formatter_copies_request_fields_and_nothing_else():
    record = _record(
        "GET /x 200",
        request_id="abc12345",
        method="GET",
        path="/x",
        status=200,
        duration_ms=3.5,
        email="someone@example.org",  # an arbitrary extra must not reach the log
    )
    data = json.loads(JsonFormatter().format(record))
    assert data["request_id"] == "abc12345"
    assert (data["method"], data["path"], data["status"], data["duration_ms"]) == (
        "GET",
        "/x",
        200,
        3.5,
    )
    assert "email" not in data
    assert "someone@example.org" not in json.dumps(data)


def test_json_formatter_takes_the_request_id_of_the_request_being_served():
    token = current_request_id.set("req-0001-abcd")
    try:
        record = _record()
        RequestIdFilter().filter(record)
        data = json.loads(JsonFormatter().format(record))
    finally:
        current_request_id.reset(token)
    assert data["request_id"] == "req-0001-abcd"


def test_request_id_filter_marks_records_outside_a_request():
    record = _record()
    RequestIdFilter().filter(record)
    assert record.request_id == "-"
    assert json.loads(JsonFormatter().format(record))["request_id"] is None


def test_json_formatter_includes_the_exception():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord(
            "overstap.test", logging.ERROR, __file__, 1, "failed", (), sys.exc_info()
        )
    data = json.loads(JsonFormatter().format(record))
    assert "ValueError: boom" in data["exception"]


def test_safe_path_masks_a_bsn_but_not_other_numbers():
    assert safe_path(f"/zoek/{BSN}/") == "/zoek/*********/"
    assert safe_path("/cases/123456789/") == "/cases/123456789/"  # not a valid BSN
    assert safe_path("/cases/12/") == "/cases/12/"


@pytest.fixture
def request_log():
    """Capture the overstap.request logger's lines as JSON."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("overstap.request")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


@pytest.mark.django_db
def test_one_request_line_per_request_with_the_request_id(client, request_log):
    response = client.get("/healthz")
    lines = request_log()
    assert len(lines) == 1
    line = lines[0]
    assert line["method"] == "GET"
    assert line["path"] == "/healthz"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["request_id"] == response["X-Request-ID"]
    assert line["logger"] == "overstap.request"


@pytest.mark.django_db
def test_request_line_keeps_a_well_formed_incoming_request_id(client, request_log):
    client.get("/healthz", HTTP_X_REQUEST_ID="nginx-0123456789abcdef")
    assert request_log()[0]["request_id"] == "nginx-0123456789abcdef"


@pytest.mark.django_db
def test_request_line_has_no_query_string_email_or_bsn(client, case_manager, request_log):
    client.force_login(case_manager)
    client.get(f"/zoek/{BSN}/", {"q": "jan.jansen@example.org", "bsn": BSN})
    client.get("/cases/", {"q": BSN})
    text = json.dumps(request_log())
    assert len(request_log()) == 2
    assert BSN not in text
    assert "example.org" not in text
    assert "q=" not in text


@pytest.mark.django_db
def test_failed_login_request_logs_no_password(client, request_log, no_secrets_in_logs):
    client.post("/account/login/", {"username": "cm", "password": "wrong-" + "x" * 10})
    assert request_log()[0]["status"] == 200
    assert "wrong-" not in json.dumps(request_log())


@pytest.mark.parametrize("value", ["xml", "yes"])
def test_settings_refuse_an_unknown_log_format(value):
    result = subprocess.run(
        [sys.executable, "-c", "import overstap.conf.settings"],
        capture_output=True,
        text=True,
        env={**_clean_env(), "OVERSTAP_LOG_FORMAT": value},
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "OVERSTAP_LOG_FORMAT" in result.stderr


def test_production_logs_json_lines_on_stdout(tmp_path):
    """A management command under production settings: its log lines are JSON on stdout."""
    script = (
        "import django, logging; django.setup(); "
        "logging.getLogger('overstap.test').warning('ready %s', 1)"
    )
    env = {
        **_clean_env(),
        "OVERSTAP_ENVIRONMENT": "production",
        "SECRET_KEY": "k9$" + "a1B2c3D4e5F6g7H8i9J0" * 3,
        "ALLOWED_HOSTS": "overstap.example.nl",
        "OVERSTAP_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "OVERSTAP_FIELD_ENCRYPTION_KEY": "Q7aKs3-S4tYWZZqN1y7KoI-SadgECO4mSqVUcdp_aYA=",
        "DJANGO_SETTINGS_MODULE": "overstap.conf.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    ours = [line for line in lines if line["logger"] == "overstap.test"]
    assert ours and ours[0]["message"] == "ready 1"
    assert {"time", "level", "logger", "message", "request_id"} <= set(ours[0])


def test_development_default_is_text_on_stderr():
    script = (
        "from django.conf import settings; "
        "print(settings.LOG_FORMAT, settings.LOGGING['handlers']['console']['stream'])"
    )
    env = {**_clean_env(), "DJANGO_SETTINGS_MODULE": "overstap.conf.settings"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.stdout.split() == ["text", "ext://sys.stderr"], result.stderr


def _clean_env() -> dict[str, str]:
    import os

    drop = {
        "OVERSTAP_ENVIRONMENT",
        "SECRET_KEY",
        "DEBUG",
        "OVERSTAP_DEMO",
        "DATABASE_URL",
        "OVERSTAP_LOG_FORMAT",
        "ALLOWED_HOSTS",
    }
    return {k: v for k, v in os.environ.items() if k not in drop}


@pytest.mark.django_db
def test_djangos_not_found_line_masks_a_bsn_in_the_path(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get(f"/zoek/{BSN}/")
    messages = [r.getMessage() for r in caplog.records if r.name == "django.request"]
    assert messages == ["Not Found: /zoek/*********/"]


def test_runserver_request_lines_still_reach_the_console():
    server = logging.getLogger("django.server")
    assert "console" in [h.name for h in server.handlers]
    assert server.propagate is False
    assert any(type(f).__name__ == "MaskBsnFilter" for f in server.filters)
