#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A throwaway PostgreSQL 15 cluster for the vault's tests and benchmarks: initdb in
# DIR/data (trust authentication, user postgres, 127.0.0.1 only, on a free port),
# started; its address goes to DIR/url (postgresql://postgres@127.0.0.1:PORT).
#   pg_cluster.sh start DIR [--fast]   --fast: fsync off (tests; never for figures)
#   pg_cluster.sh stop DIR             stops it and removes DIR
#   pg_cluster.sh pause DIR | resume DIR   stops / starts it again, keeping its data
#                                       (a database restart, as a test sees it)
# Debian package: postgresql-15 (scripts/setup.sh installs it).
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?DIR}
bin=/usr/lib/postgresql/15/bin
[ -x "$bin/initdb" ] || { echo "pg_cluster: $bin/initdb not found: install postgresql-15 (scripts/setup.sh)" >&2; exit 1; }
# initdb refuses to run as root: the cluster then belongs to the postgres user.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case $cmd in
start)
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  mkdir -p "$dir/data"
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir/data"; fi
  chmod 700 "$dir/data"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  {
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = ''"
    echo "max_connections = 200"
    echo "shared_buffers = 128MB"
    if [ "${3:-}" = "--fast" ]; then echo "fsync = off"; echo "full_page_writes = off"; fi
  } >> "$dir/data/postgresql.conf"
  # A free port, asked of the system; another program may take it before the server
  # binds it (tests start servers on free ports all the time): then another one.
  for attempt in 1 2 3 4 5; do
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -o "-p $port" -w start >/dev/null; then
      break
    fi
    [ "$attempt" -lt 5 ] || { echo "pg_cluster: PostgreSQL did not start (see $dir/data/server.log)" >&2; exit 1; }
  done
  echo "port = $port" >> "$dir/data/postgresql.conf" # for resume
  echo "postgresql://postgres@127.0.0.1:$port" > "$dir/url"
  echo "pg_cluster: PostgreSQL 15 on 127.0.0.1:$port, data in $dir/data" >&2
  ;;
stop)
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  fi
  rm -rf "$dir"
  ;;
pause)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  ;;
resume)
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w start >/dev/null
  ;;
*)
  echo "pg_cluster: start DIR [--fast] | stop DIR | pause DIR | resume DIR" >&2; exit 2 ;;
esac
