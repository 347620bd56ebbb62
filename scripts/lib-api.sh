# Helpers for scripts that run `schoolnet serve` against a throwaway cluster (scripts/fuzz-api,
# Benchmarks/http/run): fixtures, starting the server, waiting for it, stopping what we started.
# Sourced after lib.sh, not run.
# shellcheck shell=bash

# run_sql URL [psql args...]: psql that stops at the first error and prints bare values.
run_sql() {
    local url="$1"
    shift
    "$(find_pg_bin)/psql" "$url" -X -q -t -A -v ON_ERROR_STOP=1 "$@"
}

# seed_network URL SCHOOLS: a region, a town, one organiser (a house of creativity) and SCHOOLS schools
# named «Школа № 1»..., plus school years around today. Prints "ORGANISER_ID FIRST_SCHOOL_ID".
# Plain SQL: organisations are reference data the API never writes.
seed_network() {
    local url="$1" schools="$2"
    run_sql "$url" -v schools="$schools" <<'SQL'
INSERT INTO school_year (start_year)
SELECT school_year_start(current_date) + k FROM generate_series(-1, 1) AS k
ON CONFLICT DO NOTHING;
WITH r AS (INSERT INTO region (country_code, name) VALUES ('RU', 'Томская область') RETURNING id),
     m AS (INSERT INTO municipality (region_id, name, kind) SELECT id, 'г. Томск', 'city' FROM r RETURNING id),
     o AS (INSERT INTO organisation (municipality_id, kind, full_name, short_name)
           SELECT id, 'additional_education', 'Дом детского творчества «Искорка»', 'ДДТ Искорка' FROM m RETURNING id),
     s AS (INSERT INTO organisation (municipality_id, kind, full_name)
           SELECT m.id, 'school', 'Школа № ' || g FROM m, generate_series(1, :schools) AS g RETURNING id)
SELECT (SELECT id FROM o) || ' ' || (SELECT min(id) FROM s);
SQL
}

# create_event BIN URL ORGANISER_ID TITLE CAPACITY LIMIT [STAGES]: a team event (3-5 pupils of grades 5-9)
# open since yesterday, starting in 30 days, created through the CLI so every setup rule applies.
# CAPACITY and LIMIT may be "null"; STAGES is a comma-separated list of stage titles. Prints the CLI's
# JSON answer (event, stages, nominations).
create_event() {
    local bin="$1" url="$2" organiser="$3" title="$4" capacity="$5" limit="$6" stages="${7:-}" file
    file="$(mktemp /tmp/schoolnet-event.XXXXXX)"
    python3 - "$organiser" "$title" "$capacity" "$limit" "$stages" >"$file" <<'PY'
import datetime, json, sys
organiser, title, capacity, limit, stages = sys.argv[1:6]
today = datetime.datetime.now(datetime.timezone.utc).date()
start = today + datetime.timedelta(days=30)
print(json.dumps({
    "title": title, "organiser": organiser, "kind": "contest", "format": "distance", "audience": "5-9 классы",
    "starts_on": start.isoformat(), "ends_on": start.isoformat(), "time_zone": "Asia/Tomsk",
    "registration": {"opens_at": (today - datetime.timedelta(days=1)).isoformat() + "T00:00:00+07:00",
                     "closes_on": (start - datetime.timedelta(days=2)).isoformat()},
    "team": {"min_size": 3, "max_size": 5}, "eligibility": {"grades": [5, 9]},
    "capacity": None if capacity == "null" else int(capacity),
    "per_organisation_limit": None if limit == "null" else int(limit),
    "stages": [{"title": t} for t in stages.split(",") if t],
    "nominations": [{"title": "Основная"}],
}, ensure_ascii=False))
PY
    DATABASE_URL="$url" "$bin" events create "$file" --format json
    local status=$?
    rm -f "$file"
    return $status
}

# json_get EXPRESSION: evaluates a Python expression over the JSON document on stdin, bound to `d`.
json_get() {
    python3 -c 'import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"
}

# issue_token BIN URL ROLE [ORG_ID]: prints a new raw token (the CLI's only copy of it).
issue_token() {
    local bin="$1" url="$2" role="$3" org="${4:-}"
    if [ -n "$org" ]; then
        DATABASE_URL="$url" "$bin" token issue --role "$role" --org "$org" --label "$role fixture" 2>/dev/null
    else
        DATABASE_URL="$url" "$bin" token issue --role "$role" --label "$role fixture" 2>/dev/null
    fi
}

# start_serve BIN URL PORT LOG [serve args...]: runs the server in the background; sets SERVE_PID.
start_serve() {
    local bin="$1" url="$2" port="$3" logfile="$4"
    shift 4
    DATABASE_URL="$url" "$bin" serve --host 127.0.0.1 --port "$port" "$@" >"$logfile" 2>&1 &
    SERVE_PID=$!
}

# wait_ready BASE_URL PID: until /readyz answers 200 (30 s at most, and only while PID lives).
wait_ready() {
    local base="$1" pid="$2" i
    for i in $(seq 1 150); do
        kill -0 "$pid" 2>/dev/null || return 1
        curl -fsS -o /dev/null "$base/readyz" 2>/dev/null && return 0
        sleep 0.2
    done
    return 1
}

# stop_pid PID: SIGTERM (the server drains), then SIGKILL after 10 s; only the process we started.
stop_pid() {
    local pid="$1" i
    [ -n "$pid" ] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
}
