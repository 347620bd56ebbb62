# Shared helpers for scripts/pg, scripts/test and scripts/demo. Sourced, not run.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Find the directory with initdb/pg_ctl/postgres, wherever Debian or Homebrew put it.
find_pg_bin() {
    local d
    if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/pg_ctl" ]; then echo "$PG_BIN"; return 0; fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/opt/libpq/bin /opt/homebrew/bin /usr/local/bin /usr/bin; do
        if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
    done
    return 1
}

# Install the PostgreSQL server and libpq headers if they are missing (root on Debian/Ubuntu),
# otherwise say exactly what to run.
ensure_postgres_installed() {
    local need=()
    find_pg_bin >/dev/null || need+=(postgresql postgresql-contrib)
    pkg-config --exists libpq 2>/dev/null || need+=(libpq-dev)
    command -v pkg-config >/dev/null || need+=(pkg-config)
    # mail (issue 15): msmtp sends; the mail tests run a real SMTP server on Debian's aiosmtpd
    [ -x /usr/bin/msmtp ] || need+=(msmtp)
    /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || need+=(python3-aiosmtpd)
    [ ${#need[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        log "installing ${need[*]} with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2 || die "apt-get update failed"
        apt-get install -y -qq "${need[@]}" >&2 || die "apt-get install ${need[*]} failed"
        # Debian's package creates and starts a 'main' cluster of its own; we never use it.
        return 0
    fi
    die "PostgreSQL server or libpq headers are missing. Install them with:
  Debian/Ubuntu: sudo apt-get install -y ${need[*]}
  macOS (Homebrew): brew install postgresql@15 libpq pkg-config"
}

# Run a command as the user that owns the cluster: 'postgres' when we are root
# (the server refuses to run as root), ourselves otherwise.
as_pg_user() {
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_owner() { if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi; }

# A TCP port on 127.0.0.1 that nobody listens on right now.
free_port() {
    python3 - <<'PY'
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

# init_cluster DATADIR SOCKETDIR PORT: create a cluster that listens on 127.0.0.1 and a unix socket only.
init_cluster() {
    local data="$1" sock="$2" port="$3" bin owner
    bin="$(find_pg_bin)" || die "PostgreSQL server binaries not found"
    owner="$(pg_owner)"
    mkdir -p "$data" "$sock"
    if [ "$(id -u)" = 0 ]; then chown "$owner" "$data" "$sock"; fi
    chmod 700 "$data"
    as_pg_user "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null \
        || die "initdb failed for $data (can user '$owner' reach that folder?)"
    cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
fsync = ${PG_FSYNC:-on}
max_connections = 400
shared_buffers = 256MB
timezone = 'UTC'
log_min_messages = warning
CONF
    echo "$port" >"$data/schoolnet.port"
    echo "$sock" >"$data/schoolnet.socket"
}

start_cluster() {
    local data="$1" logfile="$2" bin
    bin="$(find_pg_bin)"
    touch "$logfile"
    if [ "$(id -u)" = 0 ]; then chown postgres "$logfile"; fi
    as_pg_user "$bin/pg_ctl" -D "$data" -l "$logfile" -w -t 60 start >/dev/null \
        || { cat "$logfile" >&2 2>/dev/null; die "PostgreSQL did not start (log above)"; }
}

stop_cluster() {
    local data="$1" bin
    bin="$(find_pg_bin)" || return 0
    [ -f "$data/postmaster.pid" ] || return 0
    as_pg_user "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
}

cluster_url() {
    local data="$1" db="$2"
    echo "postgresql://postgres@127.0.0.1:$(cat "$data/schoolnet.port")/$db"
}

create_database() {
    local data="$1" db="$2" bin
    bin="$(find_pg_bin)"
    as_pg_user "$bin/psql" -h "$(cat "$data/schoolnet.socket")" -p "$(cat "$data/schoolnet.port")" -U postgres -d postgres -qtA \
        -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
        || as_pg_user "$bin/createdb" -h "$(cat "$data/schoolnet.socket")" -p "$(cat "$data/schoolnet.port")" -U postgres "$db"
}

# apt_install PACKAGE...: install Debian packages as root (non-interactive), otherwise say what to run.
apt_install() {
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        log "installing $* with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        if [ -z "${SCHOOLNET_APT_UPDATED:-}" ]; then
            apt-get update -qq >&2 || die "apt-get update failed"
            SCHOOLNET_APT_UPDATED=1
        fi
        apt-get install -y -qq --no-install-recommends "$@" >&2 || die "apt-get install $* failed"
        return 0
    fi
    die "missing: $*. Install them with:
  Debian/Ubuntu: sudo apt-get install -y $*"
}

# Headless Chromium and its WebDriver, Debian's (the browser suite and scripts/screenshots drive them).
ensure_chromium_installed() {
    local need=()
    [ -x /usr/bin/chromium ] || need+=(chromium)
    [ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
    # Russian for the browser itself: a date field reads дд.мм.гггг as a teacher's browser shows it, not mm/dd/yyyy.
    [ -f /usr/lib/chromium/locales/ru.pak ] || need+=(chromium-l10n)
    # Debian's chromium ships no fonts of its own: without one, the Cyrillic text renders as boxes. DejaVu Sans is in
    # the pages' font list, so the screenshots look the same on every machine.
    [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
    [ ${#need[@]} -eq 0 ] || apt_install "${need[@]}"
}

# BROWSER_VENV (.venv-browser): a project-local virtualenv with Selenium from PyPI, made on first use.
BROWSER_VENV="$ROOT/.venv-browser"
SELENIUM_REQUIREMENT='selenium>=4.20,<5'
ensure_browser_venv() {
    if [ -x "$BROWSER_VENV/bin/python" ] && "$BROWSER_VENV/bin/python" -c 'import selenium' 2>/dev/null; then return 0; fi
    command -v python3 >/dev/null || apt_install python3
    python3 -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv
    rm -rf "$BROWSER_VENV"
    log "making $BROWSER_VENV with $SELENIUM_REQUIREMENT"
    python3 -m venv "$BROWSER_VENV" >&2 || die "python3 -m venv $BROWSER_VENV failed"
    "$BROWSER_VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$SELENIUM_REQUIREMENT" >&2 \
        || die "pip install $SELENIUM_REQUIREMENT failed"
}

# run_browser_script SCRIPT [ARGS]: run a Python script of Tests/Browser (the browser suite, the screenshots) with
# what it needs: Chromium, chromedriver and Selenium installed, a throwaway PostgreSQL cluster of its own with a
# migrated database (DATABASE_URL, the owner; SCHOOLNET_SERVE_DATABASE_URL, a runtime login), the built binary (SCHOOLNET_BIN) and a scratch folder (SCHOOLNET_BROWSER_TMP).
# The cluster and the folder are removed whatever happens; the script stops the server and browsers it starts.
run_browser_script() {
    local script="$1" status
    shift
    ensure_postgres_installed
    ensure_chromium_installed
    ensure_browser_venv
    SCHOOLNET_BIN="${SCHOOLNET_BIN:-$ROOT/.build/debug/schoolnet}"
    [ -x "$SCHOOLNET_BIN" ] || die "$SCHOOLNET_BIN is not built (swift build --product schoolnet)"
    BROWSER_TMP="$(mktemp -d /tmp/schoolnet-browser.XXXXXX)"
    chmod 755 "$BROWSER_TMP"
    trap 'stop_cluster "$BROWSER_TMP/data"; rm -rf "$BROWSER_TMP"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    PG_FSYNC=off init_cluster "$BROWSER_TMP/data" "$BROWSER_TMP/socket" "$(free_port)"
    start_cluster "$BROWSER_TMP/data" "$BROWSER_TMP/server.log"
    create_database "$BROWSER_TMP/data" schoolnet_browser
    export DATABASE_URL SCHOOLNET_BIN
    DATABASE_URL="$(cluster_url "$BROWSER_TMP/data" schoolnet_browser)"
    "$SCHOOLNET_BIN" db migrate >/dev/null || die "schoolnet db migrate failed"
    # The server logs in as production's does: a member of schoolnet_runtime (rows only), not the owner.
    as_pg_user "$(find_pg_bin)/psql" -h "$BROWSER_TMP/socket" -p "$(cat "$BROWSER_TMP/data/schoolnet.port")" -U postgres \
        -d postgres -qtA -c "CREATE ROLE schoolnet_web LOGIN" >/dev/null
    "$SCHOOLNET_BIN" db grant-runtime schoolnet_web >/dev/null || die "schoolnet db grant-runtime failed"
    export SCHOOLNET_SERVE_DATABASE_URL="postgresql://schoolnet_web@127.0.0.1:$(cat "$BROWSER_TMP/data/schoolnet.port")/schoolnet_browser"
    set +e
    SCHOOLNET_BROWSER_TMP="$BROWSER_TMP" PYTHONDONTWRITEBYTECODE=1 "$BROWSER_VENV/bin/python" -u "$ROOT/Tests/Browser/$script" "$@"
    status=$?
    set -e
    return $status
}
