"""scripts/backup_restore.sh against a real PostgreSQL server (skipped elsewhere).

Runs when DATABASE_URL is a PostgreSQL URL (CI); the databases it creates on that server
are named overstap_backup_pytest_*. CI also runs the full-size check (`make backup-check`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "backup_restore.sh"
SERVER_URL = os.environ.get("DATABASE_URL", "")
URL_RE = re.compile(r"^(postgres(?:ql)?://[^/?]*/)([^/?]+)(\?.*)?$")

postgres_only = pytest.mark.skipif(
    not URL_RE.match(SERVER_URL) or shutil.which("pg_dump") is None,
    reason="needs DATABASE_URL=postgres://… and PostgreSQL's client programs",
)


def url_for(name: str) -> str:
    match = URL_RE.match(SERVER_URL)
    assert match
    return f"{match.group(1)}{name}{match.group(3) or ''}"


PREFIX = f"overstap_backup_pytest_{os.getpid()}"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OVERSTAP_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    env["OVERSTAP_CMD"] = f"{sys.executable} -m overstap"
    env.update(extra)
    return env


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*args], capture_output=True, text=True, env=_env(**env), timeout=600, check=False
    )


def overstap(database: str, *args: str) -> None:
    result = run(sys.executable, "-m", "overstap", *args, DATABASE_URL=url_for(database))
    assert result.returncode == 0, result.stdout + result.stderr


def psql(database: str, sql: str) -> str:
    result = run("psql", url_for(database), "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def createdb(name: str, template: str | None = None) -> None:
    args = ["createdb", f"--maintenance-db={url_for('postgres')}"]
    if template:
        args.append(f"--template={template}")
    result = run(*args, name)
    assert result.returncode == 0, result.stderr


def dropdb(name: str) -> None:
    run("dropdb", "--if-exists", f"--maintenance-db={url_for('postgres')}", name)


def databases() -> set[str]:
    return set(psql("postgres", "SELECT datname FROM pg_database").split())


@pytest.fixture(scope="module")
def source() -> Iterator[str]:
    """A migrated database with generated cases and a chain of audit entries."""
    name = f"{PREFIX}_src"
    dropdb(name)
    createdb(name)
    try:
        overstap(name, "migrate", "--noinput", "-v", "0")
        overstap(name, "generate_region", "--people", "40", "--contacts", "2", "--force")
        overstap(
            name,
            "shell",
            "-c",
            "from overstap.privacy.audit import AuditEvent, record_many\n"
            "record_many(actor=None, events=[AuditEvent(action='read', purpose='supervision',"
            " object_type='test', object_id=str(i)) for i in range(25)])",
        )
        assert int(psql(name, "SELECT count(*) FROM privacy_auditlogentry")) >= 25
        yield name
    finally:
        dropdb(name)


def verify(database: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return run(
        "bash",
        str(SCRIPT),
        "verify",
        "--dir",
        str(tmp_path),
        "--scratch-db",
        f"{PREFIX}_scratch",
        DATABASE_URL=url_for(database),
        **env,
    )


@postgres_only
def test_verify_passes_and_drops_the_scratch_database(source, tmp_path):
    result = verify(source, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "row counts identical" in result.stderr
    assert "triggers and indexes identical: 1 triggers" in result.stderr
    assert "audit hash chain intact" in result.stderr
    assert f"{PREFIX}_scratch" not in databases()
    dumps = list(tmp_path.glob("overstap-*.dump"))
    assert len(dumps) == 1
    assert dumps[0].with_name(dumps[0].name + ".sha256").exists()
    assert dumps[0].stat().st_mode & 0o077 == 0, "a backup must not be readable by others"


@postgres_only
def test_verify_fails_when_the_restore_loses_rows(source, tmp_path):
    """A pg_restore that silently drops a row: the row counts must catch it."""
    shim = tmp_path / "bin"
    shim.mkdir()
    real = shutil.which("pg_restore")
    (shim / "pg_restore").write_text(
        "#!/usr/bin/env bash\n"  # noqa: S608 - a fixed test script
        "set -e\n"
        f'"{real}" "$@"\n'
        'for a in "$@"; do case "$a" in --dbname=*) db="${a#--dbname=}" ;; esac; done\n'
        'if [ -n "${db:-}" ]; then psql "$db" -Xq -c '
        '"DELETE FROM django_migrations WHERE id = (SELECT max(id) FROM django_migrations)"; fi\n',
        encoding="utf-8",
    )
    (shim / "pg_restore").chmod(0o755)
    result = verify(source, tmp_path / "dumps", PATH=f"{shim}{os.pathsep}{os.environ['PATH']}")
    assert result.returncode == 1, result.stderr
    assert "row counts differ" in result.stderr
    assert "public.django_migrations" in result.stderr
    assert f"{PREFIX}_scratch" not in databases()


@postgres_only
def test_verify_fails_when_the_audit_chain_is_broken(source, tmp_path):
    tampered = f"{PREFIX}_tampered"
    dropdb(tampered)
    createdb(tampered, template=source)
    try:
        psql(
            tampered,
            "ALTER TABLE privacy_auditlogentry DISABLE TRIGGER USER;"
            "UPDATE privacy_auditlogentry SET object_id = 'changed'"
            " WHERE id = (SELECT min(id) FROM privacy_auditlogentry);"
            "ALTER TABLE privacy_auditlogentry ENABLE TRIGGER USER;",
        )
        result = verify(tampered, tmp_path)
    finally:
        dropdb(tampered)
    assert result.returncode == 1, result.stderr
    assert "row counts identical" in result.stderr  # the copy is complete …
    assert "audit hash chain of the restored copy does not verify" in result.stderr  # … but
    assert "audit hash chain intact" not in result.stderr


@postgres_only
def test_restore_refuses_a_non_empty_target_unless_forced(source, tmp_path):
    backup = run(
        "bash", str(SCRIPT), "backup", "--dir", str(tmp_path), DATABASE_URL=url_for(source)
    )
    assert backup.returncode == 0, backup.stderr
    dump = backup.stdout.strip()
    assert Path(dump).is_file()
    target = f"{PREFIX}_target"
    dropdb(target)
    createdb(target)
    try:
        first = run("bash", str(SCRIPT), "restore", dump, url_for(target))
        assert first.returncode == 0, first.stderr
        count = "SELECT count(*) FROM cases_case"
        assert psql(target, count) == psql(source, count) != "0"

        again = run("bash", str(SCRIPT), "restore", dump, url_for(target))
        assert again.returncode == 2
        assert "is not empty" in again.stderr

        forced = run("bash", str(SCRIPT), "restore", dump, url_for(target), "--force")
        assert forced.returncode == 0, forced.stderr
        assert psql(target, count) == psql(source, count)
        # The append-only guard came back with the restore.
        refused = run("psql", url_for(target), "-XAtq", "-c", "DELETE FROM privacy_auditlogentry")
        assert refused.returncode != 0
        assert "append-only" in refused.stderr
    finally:
        dropdb(target)


@postgres_only
def test_restore_refuses_a_changed_dump(source, tmp_path):
    backup = run(
        "bash", str(SCRIPT), "backup", "--dir", str(tmp_path), DATABASE_URL=url_for(source)
    )
    dump = Path(backup.stdout.strip())
    with dump.open("ab") as handle:
        handle.write(b"\0")
    result = run("bash", str(SCRIPT), "restore", str(dump), url_for(f"{PREFIX}_never"))
    assert result.returncode == 2
    assert "checksum mismatch" in result.stderr


def test_the_script_refuses_a_url_that_is_not_postgresql(tmp_path):
    result = run(
        "bash", str(SCRIPT), "backup", "--dir", str(tmp_path), DATABASE_URL="sqlite:///x.db"
    )
    assert result.returncode == 2
    assert "not a PostgreSQL URL" in result.stderr


def test_the_script_explains_its_usage():
    result = run("bash", str(SCRIPT), "--help")
    assert result.returncode == 2
    for command in ("backup", "restore", "verify"):
        assert command in result.stderr
