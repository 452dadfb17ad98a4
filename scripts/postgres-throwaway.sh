#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests: a temp dir under /tmp, trust auth
# for the superuser 'jiangbu', a free port on 127.0.0.1, durability off (unless
# PG_THROWAWAY_DURABLE=1), and a
# database 'jiangbu_test'.
#
# Sourced (what scripts/test.sh does); the caller owns the trap:
#   source scripts/postgres-throwaway.sh
#   trap pg_throwaway_stop EXIT; trap 'exit 130' INT; trap 'exit 143' TERM
#   pg_throwaway_start      # sets PG_THROWAWAY_URL and PG_THROWAWAY_DIR
#   pg_throwaway_schema_url NAME   # a URL on a fresh schema NAME of that database
# Run directly:
#   scripts/postgres-throwaway.sh start       # prints the URL and leaves it running
#   scripts/postgres-throwaway.sh stop DIR    # DIR as printed by 'start'
#   scripts/postgres-throwaway.sh run CMD...  # CMD with JIANGBU_TEST_POSTGRESQL_URL set
#
# The functions check every step themselves (no reliance on set -e, which bash
# ignores inside a function called from '||' or 'if').

PG_THROWAWAY_DIR=""
PG_THROWAWAY_URL=""

_pg_say() { echo "postgres-throwaway: $*" >&2; }

_pg_bindir() {
  local dir
  for dir in /usr/lib/postgresql/15/bin "$(pg_config --bindir 2>/dev/null)"; do
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && { echo "$dir"; return 0; }
  done
  _pg_say "PostgreSQL 15 server binaries not found; run scripts/install-deps.sh"
  return 1
}

# PostgreSQL refuses to run as root. As root, use the package's 'postgres'
# user, or a dedicated system user when that is absent.
_pg_owner() {
  local user=postgres
  id -u "$user" >/dev/null 2>&1 && { echo "$user"; return 0; }
  user=jiangbu-pg
  id -u "$user" >/dev/null 2>&1 ||
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$user" >&2 || { _pg_say "cannot create user $user"; return 1; }
  echo "$user"
}

# _pg_as OWNER DIR CMD...: run CMD in DIR, as OWNER if one is given. The cd is
# needed because initdb/postgres fail in a cwd the owner cannot read (/root).
_pg_as() {
  local owner="$1" dir="$2"
  shift 2
  if [[ -n "$owner" ]]; then
    (cd "$dir" && runuser -u "$owner" -- "$@")
  else
    (cd "$dir" && "$@")
  fi
}

# A random port that nothing answers on; below Linux's ephemeral range (32768+)
# so outgoing connections do not take it. Another process can still grab it
# before postgres binds: pg_throwaway_start retries on that.
_pg_free_port() {
  local port i
  for i in {1..50}; do
    port=$((20000 + RANDOM % 12000))
    if ! timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  _pg_say "no free port found"
  return 1
}

pg_throwaway_start() {
  local bin owner="" dir data log port="" try i
  bin="$(_pg_bindir)" || return 1
  # /tmp rather than $TMPDIR: the postgres user must be able to reach it, and
  # the unix socket path must stay short (about 100 bytes at most).
  dir="$(mktemp -d /tmp/jiangbu-pg.XXXXXX)" || { _pg_say "mktemp failed"; return 1; }
  PG_THROWAWAY_DIR="$dir"  # set at once so that a trap can clean up a half start
  data="$dir/data" log="$dir/server.log"
  if [[ $EUID -eq 0 ]]; then
    owner="$(_pg_owner)" || return 1
    chown "$owner:" "$dir" || return 1
  fi

  # C.UTF-8 always exists on Debian; the caller's locale may not be generated.
  if ! _pg_as "$owner" "$dir" "$bin/initdb" -D "$data" -U jiangbu --auth=trust \
      --encoding=UTF8 --locale=C.UTF-8 --no-sync --no-instructions >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    _pg_say "initdb failed"
    return 1
  fi
  # The socket lives in the temp dir, so clusters never clash on socket locks.
  cat >>"$data/postgresql.conf" <<CONF || return 1
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 100
CONF
  # Tests need no durability; a benchmark (bench/scale.sh) sets
  # PG_THROWAWAY_DURABLE=1 to measure against PostgreSQL's defaults
  # (fsync and synchronous_commit on), as production runs.
  if [[ "${PG_THROWAWAY_DURABLE:-0}" != 1 ]]; then
    printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n' >>"$data/postgresql.conf" || return 1
  fi

  for try in {1..10}; do
    port="$(_pg_free_port)" || return 1
    rm -f "$log"  # root-owned leftovers would not be writable by the owner
    if _pg_as "$owner" "$dir" "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 -o "-p $port" start >/dev/null; then
      break
    fi
    # Lost the race for the port: try another. Any other failure is final.
    if ! grep -qE 'could not bind|could not create any TCP/IP sockets|Address already in use' "$log" 2>/dev/null; then
      tail -n 30 "$log" >&2 2>/dev/null
      _pg_say "server did not start"
      return 1
    fi
    _pg_say "port $port was taken (attempt $try), retrying"
    port=""
  done
  [[ -n "$port" ]] || { _pg_say "server did not start: no port could be bound"; return 1; }

  for i in {1..30}; do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U jiangbu -d postgres -t 1 && break
    [[ $i -eq 30 ]] && { _pg_say "server not ready after 30 tries"; return 1; }
    sleep 1
  done
  if ! "$bin/createdb" -h 127.0.0.1 -p "$port" -U jiangbu jiangbu_test; then
    _pg_say "createdb jiangbu_test failed"
    return 1
  fi
  PG_THROWAWAY_URL="postgresql://jiangbu@127.0.0.1:$port/jiangbu_test"
  _pg_say "ready at $PG_THROWAWAY_URL (dir $dir)"
}

# pg_throwaway_stop [DIR]: stop the cluster and remove its temp dir. Safe to
# call more than once and after a failed or partial start.
pg_throwaway_stop() {
  local dir="${1:-$PG_THROWAWAY_DIR}" bin owner=""
  [[ -n "$dir" && -d "$dir" ]] || return 0
  case "$(basename "$dir")" in
    jiangbu-pg.*) ;;
    *) _pg_say "refusing to remove $dir: not a throwaway cluster dir"; return 1 ;;
  esac
  if [[ -f "$dir/data/postmaster.pid" ]] && bin="$(_pg_bindir)"; then
    [[ $EUID -eq 0 ]] && owner="$(stat -c %U "$dir/data")"
    _pg_as "$owner" "$dir" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      _pg_as "$owner" "$dir" "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
      _pg_say "pg_ctl stop failed (server already gone?)"
  fi
  rm -rf -- "$dir" || _pg_say "could not remove $dir"
  if [[ "$dir" == "$PG_THROWAWAY_DIR" ]]; then
    PG_THROWAWAY_DIR="" PG_THROWAWAY_URL=""
  fi
  _pg_say "stopped and removed $dir"
}

# pg_throwaway_schema_url NAME: (re)creates schema NAME in the running
# cluster's database and prints a URL whose connections use it, so one
# server holds several independent ledgers (the benchmarks).
pg_throwaway_schema_url() {
  [[ -n "$PG_THROWAWAY_URL" ]] || { _pg_say "no cluster is running"; return 1; }
  psql -q "$PG_THROWAWAY_URL" -c "DROP SCHEMA IF EXISTS $1 CASCADE; CREATE SCHEMA $1" >/dev/null 2>&1 ||
    { _pg_say "cannot create schema $1"; return 1; }
  echo "${PG_THROWAWAY_URL}?options=-csearch_path%3D$1"
}

# Command-line use; nothing below runs when the file is sourced.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-}" in
    start)
      trap 'pg_throwaway_stop' EXIT  # only a failed start cleans up
      pg_throwaway_start
      trap - EXIT
      _pg_say "stop it with: $0 stop $PG_THROWAWAY_DIR"
      echo "$PG_THROWAWAY_URL"
      ;;
    stop)
      [[ -n "${2:-}" ]] || { _pg_say "usage: $0 stop DIR"; exit 2; }
      pg_throwaway_stop "$2"
      ;;
    run)
      shift
      [[ $# -gt 0 ]] || { _pg_say "usage: $0 run CMD [ARGS...]"; exit 2; }
      trap 'pg_throwaway_stop' EXIT
      trap 'exit 130' INT
      trap 'exit 143' TERM
      pg_throwaway_start
      JIANGBU_TEST_POSTGRESQL_URL="$PG_THROWAWAY_URL" "$@"
      ;;
    *)
      _pg_say "usage: $0 start | stop DIR | run CMD [ARGS...]"
      exit 2
      ;;
  esac
fi
