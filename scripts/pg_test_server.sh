#!/usr/bin/env bash
# A throw-away PostgreSQL server for newsdesk's tests and benchmarks, on a unix socket in a
# temporary folder (no TCP port, so several can run on one machine).
#
#   scripts/pg_test_server.sh run CMD [ARG...]   start a server, run CMD with NEWSDESK_TEST_PG
#                                                 set to its URL, stop and delete it (trap);
#                                                 CMD runs without it if none can start
#   scripts/pg_test_server.sh start DIR          start one in DIR (empty or missing); prints
#                                                 the URL on stdout
#   scripts/pg_test_server.sh stop DIR           stop the one in DIR and delete DIR
#
# PostgreSQL refuses to run as root, so as root the server runs as the system user
# $NEWSDESK_PG_USER (default newsdesk-pg), created if missing. initdb, pg_ctl and postgres
# come from the system's packages (PATH, else /usr/lib/postgresql/*/bin).
set -euo pipefail

PG_USER="${NEWSDESK_PG_USER:-newsdesk-pg}"
PORT=5432
DBNAME=newsdesk_test

find_bin() {
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
        return
    fi
    local found
    found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -z "$found" ] || ! [ -x "$found/initdb" ]; then
        echo "pg_test_server: initdb not found (install Debian's postgresql package)" >&2
        exit 1
    fi
    echo "$found"
}

as_owner() {  # run a command as the server's owner
    if [ "$(id -u)" = 0 ]; then
        runuser -u "$PG_USER" -- "$@"
    else
        "$@"
    fi
}

ensure_user() {
    [ "$(id -u)" = 0 ] || return 0
    if ! id "$PG_USER" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER" || return 1
    fi
}

start() {
    local dir="$1" bin
    bin="$(find_bin)"
    ensure_user || exit 1
    mkdir -p "$dir" || exit 1
    if [ "$(id -u)" = 0 ]; then chown "$PG_USER" "$dir" || exit 1; fi
    chmod 700 "$dir" || exit 1
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U newsdesk -E UTF8 --locale=C \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-k $dir -p $PORT -c listen_addresses='' -c max_connections=100 -c fsync=off" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h "$dir" -p "$PORT" -U newsdesk "$DBNAME" || exit 1
    echo "postgresql://newsdesk@/$DBNAME?host=$dir&port=$PORT"
}

stop() {
    local dir="$1" bin
    bin="$(find_bin)"
    if [ -d "$dir/data" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

case "${1:-}" in
start)
    start "${2:?start needs a folder}"
    ;;
stop)
    stop "${2:?stop needs a folder}"
    ;;
run)
    shift
    [ $# -gt 0 ] || { echo "usage: $0 run CMD [ARG...]" >&2; exit 2; }
    DIR="$(mktemp -d /tmp/newsdesk-pg.XXXXXX)"
    trap 'set +e; stop "$DIR"' EXIT
    trap 'exit 130' INT TERM
    if URL="$(start "$DIR")"; then
        export NEWSDESK_TEST_PG="$URL"
        echo "pg_test_server: PostgreSQL at $NEWSDESK_TEST_PG" >&2
    else  # the tests then try once more themselves, and skip saying why
        echo "pg_test_server: could not start PostgreSQL; running without it" >&2
    fi
    set +e
    "$@"
    status=$?
    exit "$status"
    ;;
*)
    echo "usage: $0 run CMD [ARG...] | start DIR | stop DIR" >&2
    exit 2
    ;;
esac
