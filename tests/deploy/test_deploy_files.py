"""The deployment files: Dockerfile, compose.yaml, nginx, systemd and gunicorn's config.

Docker is not available where the tests run, so the image is not built here: these tests
check the essentials of each file instead (docs/deployment.md says so too). gunicorn itself
is started for real and probed with the Docker HEALTHCHECK command.
"""

from __future__ import annotations

import configparser
import importlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


# --- Dockerfile ------------------------------------------------------------------------------
def _dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text(encoding="utf-8")


def _instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    joined = re.sub(
        r"\\\n",
        " ",
        "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")),
    )
    result = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            result.append((word.upper(), rest.strip()))
    return result


def test_dockerfile_is_multi_stage_on_python_311_slim_bookworm():
    froms = [args for word, args in _instructions(_dockerfile()) if word == "FROM"]
    assert len(froms) >= 2
    assert all(args.startswith("python:3.11-slim-bookworm") for args in froms)


def test_dockerfile_runs_as_a_non_root_user():
    instructions = _instructions(_dockerfile())
    final = instructions[max(i for i, (w, _) in enumerate(instructions) if w == "FROM") :]
    users = [args for word, args in final if word == "USER"]
    assert users, "the runtime stage sets no USER"
    assert users[-1].split(":")[0] not in {"root", "0"}


def test_dockerfile_has_a_healthcheck_on_healthz_and_gunicorn_as_cmd():
    instructions = dict(_instructions(_dockerfile()))
    assert "overstap.conf.healthcheck" in instructions["HEALTHCHECK"]
    assert json.loads(instructions["CMD"]) == [
        "gunicorn",
        "--config",
        "python:overstap.conf.gunicorn",
    ]


def test_dockerfile_compiles_messages_and_collects_static_at_build_time():
    runs = " ".join(args for word, args in _instructions(_dockerfile()) if word == "RUN")
    assert "compile_messages.py" in runs
    assert "collectstatic" in runs


def test_dockerfile_bakes_in_no_secrets():
    for word, args in _instructions(_dockerfile()):
        if word in {"ENV", "ARG", "LABEL"}:
            for name in ("SECRET_KEY", "FIELD_ENCRYPTION_KEY", "DATABASE_URL", "PASSWORD"):
                assert name not in args, f"{word} {args}"
        if word == "COPY":
            assert ".env" not in args.split()
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    for entry in (".env", ".git", ".venv", "var", "*.dump"):
        assert entry in ignored


# --- compose.yaml ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def test_compose_has_the_services(compose):
    assert set(compose["services"]) >= {"db", "migrate", "app", "worker", "nginx"}
    db = compose["services"]["db"]
    assert db["image"].startswith("postgres:15")
    assert any(v.endswith(":/var/lib/postgresql/data") for v in db["volumes"])
    assert "healthcheck" in db


def test_compose_migrates_before_the_app_and_worker_start(compose):
    services = compose["services"]
    assert services["migrate"]["command"][:2] == ["overstap", "migrate"]
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    for name in ("app", "worker"):
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully"


def test_compose_runs_gunicorn_and_the_db_worker(compose):
    services = compose["services"]
    assert services["app"]["command"][0] == "gunicorn"
    assert services["worker"]["command"] == ["overstap", "db_worker"]
    assert services["worker"]["healthcheck"] == {"disable": True}
    assert "ports" not in services["app"], "only nginx is published"


def test_compose_nginx_uses_the_shipped_config(compose):
    nginx = compose["services"]["nginx"]
    assert any(v.startswith("./deploy/nginx.conf:") for v in nginx["volumes"])
    assert nginx["depends_on"]["app"]["condition"] == "service_healthy"


def test_compose_requires_secrets_from_the_environment(compose):
    env = compose["services"]["app"]["environment"]
    assert env["OVERSTAP_ENVIRONMENT"] == "production"
    for name in ("SECRET_KEY", "OVERSTAP_FIELD_ENCRYPTION_KEY", "ALLOWED_HOSTS"):
        assert re.fullmatch(r"\$\{" + name + r":\?[^}]+\}", env[name]), env[name]
    assert "${POSTGRES_PASSWORD:?" in env["DATABASE_URL"]


def test_env_example_lists_the_required_variables_without_real_values():
    text = (DEPLOY / "env.example").read_text(encoding="utf-8")
    for name in (
        "SECRET_KEY",
        "OVERSTAP_FIELD_ENCRYPTION_KEY",
        "ALLOWED_HOSTS",
        "POSTGRES_PASSWORD",
    ):
        assert re.search(rf"^{name}=", text, flags=re.MULTILINE), name


# --- nginx ---------------------------------------------------------------------------------------
def test_nginx_config_essentials():
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    assert "client_max_body_size 20m;" in text
    assert "gzip on;" in text
    for header in ("X-Forwarded-Proto", "X-Forwarded-For", "X-Request-ID", "Host"):
        assert f"proxy_set_header {header} " in text
    assert "ssl_certificate " in text
    assert "return 301 https://" in text


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_nginx_accepts_the_config(tmp_path):
    """`nginx -t` on the shipped file, with the upstream and paths pointed at this machine."""
    certs = tmp_path / "certs"
    certs.mkdir()
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=overstap.test",
            "-keyout",
            str(certs / "privkey.pem"),
            "-out",
            str(certs / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    text = text.replace("server app:8000;", "server 127.0.0.1:8000;")
    text = text.replace("/etc/nginx/certs", str(certs))
    (tmp_path / "overstap.conf").write_text(text, encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{ include {tmp_path}/overstap.conf; }}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(shutil.which("nginx")), "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# --- systemd -------------------------------------------------------------------------------------
def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DEPLOY / name, encoding="utf-8")
    return parser


def test_systemd_units_run_gunicorn_and_the_worker_as_overstap():
    web = _unit("overstap.service")["Service"]
    worker = _unit("overstap-worker.service")["Service"]
    assert "gunicorn --config python:overstap.conf.gunicorn" in web["ExecStart"]
    assert worker["ExecStart"].endswith("overstap db_worker")
    for service in (web, worker):
        assert service["User"] == "overstap"
        assert service["EnvironmentFile"] == "/etc/overstap/overstap.env"
        assert service["NoNewPrivileges"] == "true"


def test_systemd_backup_timer_runs_the_restore_test():
    service = _unit("overstap-backup.service")["Service"]
    assert service["ExecStart"].endswith("backup_restore.sh verify")
    assert "OnCalendar" in _unit("overstap-backup.timer")["Timer"]


# --- gunicorn ------------------------------------------------------------------------------------
def _gunicorn_config(monkeypatch, **env: str):
    for key in list(os.environ):
        if key.startswith("OVERSTAP_"):
            monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    import overstap.conf.gunicorn as module

    return importlib.reload(module)


def test_gunicorn_config_defaults(monkeypatch):
    config = _gunicorn_config(monkeypatch)
    cores = len(os.sched_getaffinity(0))
    assert config.workers == 2 * cores + 1
    assert config.bind == ["127.0.0.1:8000"]
    assert config.accesslog is None, "the request log is Django's, not gunicorn's"
    assert config.forwarded_allow_ips == "127.0.0.1,::1"
    assert config.wsgi_app == "overstap.conf.wsgi:application"
    assert config.logconfig_dict["formatters"]["overstap"].get("format")  # text by default


def test_gunicorn_config_from_the_environment(monkeypatch):
    config = _gunicorn_config(
        monkeypatch,
        OVERSTAP_ENVIRONMENT="production",
        OVERSTAP_WEB_WORKERS="5",
        OVERSTAP_BIND="0.0.0.0:9000",
        OVERSTAP_FORWARDED_ALLOW_IPS="*",
    )
    assert (config.workers, config.bind, config.forwarded_allow_ips) == (5, ["0.0.0.0:9000"], "*")
    formatter = config.logconfig_dict["formatters"]["overstap"]
    assert formatter["()"] == "overstap.core.logs.JsonFormatter"


def test_every_gunicorn_setting_in_the_config_is_valid(monkeypatch):
    from gunicorn.config import Config

    config_module = _gunicorn_config(monkeypatch, OVERSTAP_ENVIRONMENT="production")
    config = Config()
    used = [name for name in vars(config_module) if name in config.settings]
    assert {"bind", "workers", "timeout", "accesslog", "logconfig_dict"} <= set(used)
    for name in used:
        config.set(name, getattr(config_module, name))  # raises on an invalid value


def _free_port() -> int:
    if os.environ.get("OVERSTAP_TEST_PORT"):
        return int(os.environ["OVERSTAP_TEST_PORT"])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_serves_the_app_with_json_logs_and_passes_the_healthcheck(tmp_path):
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("OVERSTAP_") and k not in {"SECRET_KEY", "DATABASE_URL", "DEBUG"}
    }
    env.update(
        {
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")])),
            "OVERSTAP_ENVIRONMENT": "production",
            "SECRET_KEY": "k9$" + "a1B2c3D4e5F6g7H8i9J0" * 3,
            "ALLOWED_HOSTS": "overstap.example.nl",
            "OVERSTAP_DATA_DIR": str(tmp_path),
            "OVERSTAP_STATIC_ROOT": str(tmp_path / "static"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "OVERSTAP_FIELD_ENCRYPTION_KEY": "Q7aKs3-S4tYWZZqN1y7KoI-SadgECO4mSqVUcdp_aYA=",
            "OVERSTAP_BIND": f"127.0.0.1:{port}",
            "OVERSTAP_WEB_WORKERS": "1",
        }
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [str(gunicorn), "--config", "python:overstap.conf.gunicorn"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        healthy = None
        for _ in range(60):
            healthy = subprocess.run(
                [sys.executable, "-m", "overstap.conf.healthcheck"],
                env=env,
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
            if healthy.returncode == 0:
                break
            assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
            time.sleep(0.5)
        assert healthy is not None and healthy.returncode == 0, healthy.stderr
        assert healthy.stdout.strip() == "healthy"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    lines = [json.loads(line) for line in (tmp_path / "gunicorn.log").read_text().splitlines()]
    assert any(line["logger"] == "gunicorn.error" for line in lines)
    requests = [line for line in lines if line["logger"] == "overstap.request"]
    assert requests and requests[-1]["path"] == "/healthz" and requests[-1]["status"] == 200
    assert requests[-1]["request_id"]


def test_healthcheck_fails_when_nothing_listens(monkeypatch):
    from overstap.conf import healthcheck

    monkeypatch.setenv("OVERSTAP_HEALTHCHECK_URL", "http://127.0.0.1:1/healthz")
    assert healthcheck.main() == 1


def test_healthcheck_sends_the_allowed_host_and_https(monkeypatch):
    from overstap.conf import healthcheck

    monkeypatch.setenv("ALLOWED_HOSTS", ".example.org,overstap.example.org")
    monkeypatch.setenv("OVERSTAP_BIND", "0.0.0.0:9000")
    monkeypatch.delenv("OVERSTAP_HEALTHCHECK_URL", raising=False)
    assert healthcheck.host_header() == "example.org"
    assert healthcheck.default_url() == "http://127.0.0.1:9000/healthz"
