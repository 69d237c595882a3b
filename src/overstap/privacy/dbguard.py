"""Database-level protection of the audit log: UPDATE and DELETE raise, even for superusers.

The model and queryset refuse changes already (``AppendOnlyError``); the triggers created by
migration ``0004`` also stop raw SQL, the admin's shell and every other client:

* PostgreSQL: a ``BEFORE UPDATE OR DELETE`` row trigger that raises. ``TRUNCATE`` is not a
  row operation: it needs table-owner rights, which the application's role should not have
  in production (docs/privacy.md).
* SQLite: ``BEFORE UPDATE`` / ``BEFORE DELETE`` triggers that ``RAISE(ABORT)``. SQLite has no
  TRUNCATE; Django's ``flush`` (used between transactional tests and by ``overstap flush``)
  deletes every row of every table, so a flush — and only a flush — runs with the guard
  lifted through ``overstap_audit_locked()``, a function this module registers on each of
  Django's SQLite connections. Outside Django (the ``sqlite3`` shell) the function does not
  exist, so the trigger fails and the change is refused there too.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

TABLE = "privacy_auditlogentry"
MESSAGE = "The audit log is append-only: entries cannot be changed or deleted."

_state = threading.local()


def _locked() -> int:
    return 0 if getattr(_state, "flushing", False) else 1


@contextmanager
def _flushing() -> Iterator[None]:
    _state.flushing = True
    try:
        yield
    finally:
        _state.flushing = False


def register_sqlite_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created`` receiver: give SQLite connections ``overstap_audit_locked()``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("overstap_audit_locked", 0, _locked)


def allow_flush() -> None:
    """Let Django's SQLite ``flush`` empty the audit table along with every other table."""
    from django.conf import settings

    engines = {db.get("ENGINE", "") for db in settings.DATABASES.values()}
    if "django.db.backends.sqlite3" not in engines:
        return
    from django.db.backends.sqlite3.operations import DatabaseOperations

    original = DatabaseOperations.execute_sql_flush
    if getattr(original, "_overstap_audit", False):
        return

    def execute_sql_flush(self: Any, sql_list: Any) -> None:
        with _flushing():
            original(self, sql_list)

    execute_sql_flush._overstap_audit = True  # type: ignore[attr-defined]
    DatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]


SQLITE_CREATE = [
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
        WHEN overstap_audit_locked() BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE}
        WHEN overstap_audit_locked() BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete",
]
POSTGRESQL_CREATE = [
    f"""CREATE OR REPLACE FUNCTION {TABLE}_append_only() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
        END;
        $$ LANGUAGE plpgsql""",
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"""CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only()""",
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_append_only()",
]


def create_triggers(apps: Any, schema_editor: Any) -> None:
    statements = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def drop_triggers(apps: Any, schema_editor: Any) -> None:
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)
