"""Production settings refuse unsafe defaults; `check --deploy` is clean when configured."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

OVERSTAP = [sys.executable, "-m", "overstap"]


def _run(env_overrides: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "OVERSTAP_DEMO", "DATABASE_URL"}
    }
    env.update(env_overrides)
    return subprocess.run(
        [*OVERSTAP, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_production_refuses_to_start_with_unsafe_defaults():
    result = _run({"OVERSTAP_ENVIRONMENT": "production"}, "check")
    assert result.returncode != 0
    assert "Refusing to start in production" in result.stderr
    assert "SECRET_KEY" in result.stderr
    assert "ALLOWED_HOSTS" in result.stderr
    assert "DATABASE_URL" in result.stderr


def test_production_refuses_demo_mode():
    result = _run(
        {
            "OVERSTAP_ENVIRONMENT": "production",
            "SECRET_KEY": "x" * 64,
            "ALLOWED_HOSTS": "overstap.example.nl",
            "OVERSTAP_DEMO": "true",
        },
        "check",
    )
    assert result.returncode != 0
    assert "OVERSTAP_DEMO" in result.stderr


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path):
    result = _run(
        {
            "OVERSTAP_ENVIRONMENT": "production",
            "SECRET_KEY": "k9$" + "a1B2c3D4e5F6g7H8i9J0" * 3,
            "ALLOWED_HOSTS": "overstap.example.nl",
            "OVERSTAP_DATA_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            # a test-only Fernet key
            "OVERSTAP_FIELD_ENCRYPTION_KEY": "Q7aKs3-S4tYWZZqN1y7KoI-SadgECO4mSqVUcdp_aYA=",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_endpoints(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
