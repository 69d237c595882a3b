#!/usr/bin/env bash
# Overstap backup and restore for PostgreSQL (docs/deployment.md, "Backups").
#
#   scripts/backup_restore.sh backup  [--dir DIR]
#       pg_dump -Fc of $DATABASE_URL into DIR (default $OVERSTAP_BACKUP_DIR, else
#       var/backups): overstap-<db>-<UTC time>.dump plus a .sha256 checksum file.
#
#   scripts/backup_restore.sh restore FILE TARGET_DATABASE_URL [--force]
#       Checks FILE against its .sha256 (when present), then restores it into the target
#       database, which must exist and be empty (create it with `createdb`). --force
#       restores over a non-empty database: its Overstap objects are dropped first.
#
#   scripts/backup_restore.sh verify [--dir DIR] [--scratch-db NAME] [--keep]
#       The restore test: backup of $DATABASE_URL, restore into a fresh scratch database
#       on the same server, then compare the exact row count of every table (counted in
#       the same snapshot pg_dump saw, so a live database compares exactly), the triggers
#       and the indexes; run `overstap verify_audit_chain` against the restored copy; drop
#       the scratch database (unless --keep). Exit status 1 on any difference.
#
# Only PostgreSQL's client programs are used: pg_dump, pg_restore, psql, createdb, dropdb
# (Debian: postgresql-client, the same major version as the server or newer).
# Environment: DATABASE_URL (postgres://user:password@host:port/name), OVERSTAP_BACKUP_DIR,
# OVERSTAP_CMD (the `overstap` command, e.g. "python -m overstap"; default .venv/bin/overstap
# beside this script, else `overstap` on the PATH).
set -euo pipefail
umask 077 # backups hold personal data: readable by their owner only

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROG="$(basename "$0")"

die() {
  printf '%s: %s\n' "$PROG" "$*" >&2
  exit 2
}
say() { printf '%s: %s\n' "$PROG" "$*" >&2; }

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
  exit 2
}

need_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "$tool not found: install PostgreSQL's client programs (Debian: postgresql-client)"
  done
}

overstap_cmd() {
  if [ -n "${OVERSTAP_CMD:-}" ]; then
    printf '%s' "$OVERSTAP_CMD"
  elif [ -x "$ROOT/.venv/bin/overstap" ]; then
    printf '%s' "$ROOT/.venv/bin/overstap"
  else
    command -v overstap || die "the overstap command was not found: set OVERSTAP_CMD"
  fi
}

# postgres://user:pass@host:port/name?params → its parts. libpq reads these URLs directly.
URL_RE='^(postgres(ql)?://[^/?]*/)([^/?]+)(\?.*)?$'

check_url() {
  [[ "$1" =~ $URL_RE ]] || die "not a PostgreSQL URL (postgres://user:password@host:port/name): $(redact "$1")"
}
db_name() {
  [[ "$1" =~ $URL_RE ]] && printf '%s' "${BASH_REMATCH[3]}"
}
with_db() { # URL NAME → the same server and options, another database
  [[ "$1" =~ $URL_RE ]] && printf '%s%s%s' "${BASH_REMATCH[1]}" "$2" "${BASH_REMATCH[4]}"
}
redact() { # never print a password
  printf '%s' "$1" | sed -E 's#(://[^:/@]*):[^@]*@#\1:***@#'
}

psql_at() { # URL SQL → unaligned, tuples only, no psqlrc
  psql "$1" -X -q -A -t -v ON_ERROR_STOP=1 -c "$2"
}

# Every table with its exact row count, as "schema.table|count" lines, sorted. One query:
# query_to_xml runs `SELECT count(*)` on each table (exact counts, not pg_class estimates).
COUNT_SQL="
SELECT table_schema || '.' || table_name || '|' ||
       (xpath('/row/n/text()',
              query_to_xml(format('SELECT count(*) AS n FROM %I.%I', table_schema, table_name),
                           false, true, '')))[1]::text
FROM information_schema.tables
WHERE table_type = 'BASE TABLE'
  AND table_schema NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1;"

# Triggers (not the internal ones behind foreign keys) and indexes: the post-data section
# of a dump, restored after the rows. The audit log's append-only trigger is among them.
SCHEMA_SQL="
SELECT 'trigger ' || c.relname || '.' || t.tgname
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND n.nspname NOT IN ('pg_catalog', 'information_schema')
UNION ALL
SELECT 'index ' || schemaname || '.' || indexname FROM pg_indexes
WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1;"

# Relations in the target's own schemas: non-zero means "not empty".
OBJECTS_SQL="
SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
  AND n.nspname NOT LIKE 'pg_temp%' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f');"

# --- backup ----------------------------------------------------------------------------------
# do_backup URL DIR [SNAPSHOT] → prints the dump's path
do_backup() {
  local url="$1" dir="$2" snapshot="${3:-}" name stamp file
  need_tools pg_dump sha256sum
  check_url "$url"
  name="$(db_name "$url")"
  mkdir -p "$dir"
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  file="$dir/overstap-$name-$stamp.dump"
  [ ! -e "$file" ] || die "$file exists already"
  local args=(--format=custom --compress=6 --file="$file.partial")
  [ -z "$snapshot" ] || args+=(--snapshot="$snapshot")
  pg_dump "${args[@]}" "$url"
  mv "$file.partial" "$file"
  (cd "$dir" && sha256sum "$(basename "$file")" >"$(basename "$file").sha256")
  say "backup written: $file ($(du -h "$file" | cut -f1)), checksum $file.sha256"
  printf '%s\n' "$file"
}

# --- restore ---------------------------------------------------------------------------------
do_restore() {
  local file="$1" target="$2" force="$3" objects
  need_tools pg_restore psql sha256sum
  check_url "$target"
  [ -f "$file" ] || die "no such backup file: $file"
  if [ -f "$file.sha256" ]; then
    (cd "$(dirname "$file")" && sha256sum --check --quiet "$(basename "$file").sha256") \
      || die "checksum mismatch: $file is damaged or was changed"
  else
    say "warning: no checksum file $file.sha256; restoring unchecked"
  fi
  pg_restore --list "$file" >/dev/null || die "$file is not a pg_dump custom-format archive"
  objects="$(psql_at "$target" "$OBJECTS_SQL")" \
    || die "cannot connect to the target $(redact "$target"): create it first (createdb)"
  local args=(--no-owner --no-privileges --exit-on-error)
  if [ "$objects" != "0" ]; then
    [ "$force" = "1" ] || die "the target database $(db_name "$target") is not empty ($objects relations): restore into a fresh database, or pass --force to replace its contents"
    say "--force: dropping the existing objects of $(db_name "$target") first"
    args+=(--clean --if-exists)
  else
    # One transaction: a failed restore leaves the fresh database empty, not half-filled.
    args+=(--single-transaction)
  fi
  # Data first, then indexes, constraints and triggers (pg_restore's order for a custom
  # archive): the audit log's append-only trigger (privacy migration 0004) guards UPDATE
  # and DELETE only, and is created after its rows are in.
  pg_restore "${args[@]}" --dbname="$target" "$file"
  say "restored $file into $(redact "$target")"
}

# --- verify ----------------------------------------------------------------------------------
verify_cleanup() {
  exec {CLEANUP_SNAP_IN}>&- 2>/dev/null || true
  wait "$CLEANUP_SNAP_PID" 2>/dev/null || true
  if [ "$CLEANUP_KEEP" != "1" ]; then
    dropdb --if-exists --maintenance-db="$CLEANUP_SOURCE" "$CLEANUP_SCRATCH" || true
  fi
  rm -rf "$CLEANUP_WORK"
}

do_verify() {
  local dir="$1" scratch="$2" keep="$3"
  need_tools pg_dump pg_restore psql createdb dropdb sha256sum diff
  local source="${DATABASE_URL:-}"
  [ -n "$source" ] || die "set DATABASE_URL to the PostgreSQL database to back up"
  check_url "$source"
  [ -n "$scratch" ] || scratch="$(db_name "$source")_verify_$(date -u +%Y%m%d%H%M%S)_$$"
  [ "$scratch" != "$(db_name "$source")" ] || die "the scratch database must not be the source"
  local scratch_url work
  scratch_url="$(with_db "$source" "$scratch")"
  work="$(mktemp -d)"

  # A transaction that exports its snapshot: pg_dump dumps exactly that snapshot, and the
  # source's row counts are taken inside it, so writes during the backup cannot make the
  # comparison fail (or pass by luck).
  coproc SNAP { psql "$source" -X -q -A -t -v ON_ERROR_STOP=1 2>&1; }
  local snap_in="${SNAP[1]}" snap_out="${SNAP[0]}"
  # Globals: the EXIT trap runs after this function's locals are gone.
  CLEANUP_SNAP_IN="$snap_in" CLEANUP_SNAP_PID="$SNAP_PID" CLEANUP_WORK="$work"
  CLEANUP_SOURCE="$source" CLEANUP_SCRATCH="$scratch" CLEANUP_KEEP="$keep"
  trap verify_cleanup EXIT

  printf '%s\n' "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;" \
    "SELECT pg_export_snapshot();" >&"$snap_in"
  local snapshot=""
  IFS= read -r -t 60 snapshot <&"$snap_out" || true
  [[ "$snapshot" =~ ^[0-9A-Fa-f-]+$ ]] || die "could not export a snapshot from the source: $snapshot"

  local file
  file="$(do_backup "$source" "$dir" "$snapshot")"

  printf '%s\n' "$COUNT_SQL" "SELECT '--end--';" >&"$snap_in"
  local line
  : >"$work/source.counts"
  while IFS= read -r -t 600 line <&"$snap_out"; do
    [ "$line" != "--end--" ] || break
    printf '%s\n' "$line" >>"$work/source.counts"
  done
  [ "$line" = "--end--" ] || die "counting the source's rows failed: $(tail -n 3 "$work/source.counts")"
  printf '%s\n' "COMMIT;" >&"$snap_in"
  psql_at "$source" "$SCHEMA_SQL" >"$work/source.schema"

  say "restoring into the scratch database $scratch"
  createdb --maintenance-db="$source" "$scratch"
  do_restore "$file" "$scratch_url" 0
  psql_at "$scratch_url" "$COUNT_SQL" >"$work/restored.counts"
  psql_at "$scratch_url" "$SCHEMA_SQL" >"$work/restored.schema"

  local failed=0 tables rows
  tables="$(wc -l <"$work/source.counts")"
  rows="$(awk -F'|' '{ n += $2 } END { print n + 0 }' "$work/source.counts")"
  if [ "$tables" -eq 0 ]; then
    say "FAIL: the source database has no tables (is it migrated?)"
    failed=1
  elif diff -u "$work/source.counts" "$work/restored.counts" >"$work/counts.diff"; then
    say "row counts identical: $tables tables, $rows rows"
  else
    say "FAIL: row counts differ (- source, + restored):"
    grep -E '^[-+][^-+]' "$work/counts.diff" >&2 || true
    failed=1
  fi
  if diff -u "$work/source.schema" "$work/restored.schema" >"$work/schema.diff"; then
    say "triggers and indexes identical: $(grep -c '^trigger ' "$work/source.schema" || true) triggers, $(grep -c '^index ' "$work/source.schema" || true) indexes"
  else
    say "FAIL: triggers or indexes differ (- source, + restored):"
    grep -E '^[-+][^-+]' "$work/schema.diff" >&2 || true
    failed=1
  fi
  local overstap
  read -r -a overstap <<<"$(overstap_cmd)" # OVERSTAP_CMD may carry arguments
  if DATABASE_URL="$scratch_url" "${overstap[@]}" verify_audit_chain >&2; then
    say "audit hash chain intact in the restored copy"
  else
    say "FAIL: the audit hash chain of the restored copy does not verify"
    failed=1
  fi

  if [ "$failed" = "0" ]; then
    say "OK: $file restores completely"
  else
    say "restore test FAILED for $file"
    [ "$keep" = "1" ] && say "the scratch database $scratch is kept for inspection"
  fi
  return "$failed"
}

# --- command line ----------------------------------------------------------------------------
main() {
  [ $# -ge 1 ] || usage
  local command="$1"
  shift
  local dir="${OVERSTAP_BACKUP_DIR:-$ROOT/var/backups}" force=0 keep=0 scratch=""
  local positional=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --dir) dir="${2:?--dir needs a folder}"; shift 2 ;;
      --dir=*) dir="${1#--dir=}"; shift ;;
      --force) force=1; shift ;;
      --keep) keep=1; shift ;;
      --scratch-db) scratch="${2:?--scratch-db needs a name}"; shift 2 ;;
      --scratch-db=*) scratch="${1#--scratch-db=}"; shift ;;
      -h | --help) usage ;;
      -*) die "unknown option: $1" ;;
      *) positional+=("$1"); shift ;;
    esac
  done
  case "$command" in
    backup)
      [ ${#positional[@]} -eq 0 ] || die "backup takes no arguments (it reads DATABASE_URL)"
      [ -n "${DATABASE_URL:-}" ] || die "set DATABASE_URL to the PostgreSQL database to back up"
      do_backup "$DATABASE_URL" "$dir"
      ;;
    restore)
      [ ${#positional[@]} -eq 2 ] || die "usage: $PROG restore FILE TARGET_DATABASE_URL [--force]"
      do_restore "${positional[0]}" "${positional[1]}" "$force"
      ;;
    verify)
      [ ${#positional[@]} -eq 0 ] || die "verify takes no arguments (it reads DATABASE_URL)"
      do_verify "$dir" "$scratch" "$keep" || exit 1
      ;;
    -h | --help | help) usage ;;
    *) die "unknown command: $command (backup, restore or verify)" ;;
  esac
}

main "$@"
