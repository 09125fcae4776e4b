#!/usr/bin/env bash
# zoho.vault.rotate's postgresql method against the emulator and a real PostgreSQL server that this script
# starts (Debian's postgresql package, installed by scripts/bootstrap.sh) on a free local port in a temporary
# data directory, and removes at the end. Four single roles and an alternating pair are rotated by age, in
# batches, and through a failure at every phase (vault errors, the role's stop hooks, the database down, a
# trusting pg_hba.conf, kill -9 of the play while staging, promoting or applying); after every run pgcheck.py
# logs in with what the vault holds and compares every role's attributes, memberships and settings (and the
# passwords of the roles not rotated) with the start.
source ../setup_emulator/files/checked.sh

if [ "$(id -u)" -ne 0 ]; then
  echo "role_rotate_postgresql needs root (it runs the PostgreSQL server as the postgres user)" >&2
  exit 1
fi
PGBIN=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PGBIN" ] || ! id postgres >/dev/null 2>&1; then
  echo "role_rotate_postgresql needs Debian's postgresql package (scripts/bootstrap.sh installs it as root)" >&2
  exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/zv-rotate-pg.XXXXXX")
chmod 711 "$WORK"
PGDATA=$WORK/data
as_postgres() { (cd / && runuser -u postgres -- "$@"); }

cleanup() {
  [ -f "$PGDATA/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1
  rm -rf "$WORK"
  zv_control DELETE /_emulator/faults >/dev/null 2>&1 || true
  zv_control PUT /_emulator/clock '{"offset_seconds": 0}' >/dev/null 2>&1 || true
}
trap cleanup EXIT

step() { echo; echo "=== [${SECONDS}s] $*"; }

zv_reset
for name in PGSUPER ROTATOR APP1 APP2 APP3 APP4 BLUE BYSTANDER; do zv_canary "$name"; done

step "start PostgreSQL ($("$PGBIN/postgres" --version)) in a temporary directory"
PORT=$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export ZV_PG_PORT=$PORT
install -d -o postgres -m 700 "$PGDATA"
printf '%s\n' "$ZV_CANARY_PGSUPER" | install -o postgres -m 600 /dev/stdin "$WORK/pwfile"
as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres --pwfile="$WORK/pwfile" --auth-local=peer --auth-host=scram-sha-256 >/dev/null
rm -f "$WORK/pwfile"
# On the local socket zvpg_app1 is trusted (a common mistake: the role must refuse to verify a login there), and
# the others use peer authentication (not a password: a login there must fail the step, not count as a refusal).
sed -i '1i local all zvpg_app1 trust' "$PGDATA/pg_hba.conf"
pg_start() {
  as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
    -o "-p $PORT -k $PGDATA -c listen_addresses=127.0.0.1" start >/dev/null
}
pg_stop() { as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null; }
pg_start
psql_super() { as_postgres psql -h "$PGDATA" -p "$PORT" -d postgres -v ON_ERROR_STOP=1 -Atq "$@"; }
# The rotating user has CREATEROLE only (the privilege the guide documents), no superuser. The roles carry
# attributes, a membership and a setting that the rotation must leave alone; zvpg_bystander is never rotated.
psql_super -f - <<SQL
CREATE ROLE zv_rotator LOGIN CREATEROLE PASSWORD '$ZV_CANARY_ROTATOR';
CREATE ROLE zvpg_app NOLOGIN;
CREATE ROLE zvpg_app1 LOGIN PASSWORD '$ZV_CANARY_APP1' IN ROLE zvpg_app;
CREATE ROLE zvpg_app2 LOGIN CONNECTION LIMIT 7 VALID UNTIL 'infinity' PASSWORD '$ZV_CANARY_APP2';
CREATE ROLE zvpg_app3 LOGIN CREATEDB PASSWORD '$ZV_CANARY_APP3';
ALTER ROLE zvpg_app3 SET statement_timeout = '5min';
CREATE ROLE zvpg_app4 LOGIN PASSWORD '$ZV_CANARY_APP4';
CREATE ROLE zvpg_blue LOGIN PASSWORD '$ZV_CANARY_BLUE' IN ROLE zvpg_app;
CREATE ROLE zvpg_green LOGIN IN ROLE zvpg_app;
CREATE ROLE zvpg_bystander LOGIN PASSWORD '$ZV_CANARY_BYSTANDER';
SQL

export ZV_PG_HOSTS='{"app1": {"secret": "app1 zvpg_app1", "roles": ["zvpg_app1"]},
  "app2": {"secret": "app2 zvpg_app2", "roles": ["zvpg_app2"]},
  "app3": {"secret": "app3 zvpg_app3", "roles": ["zvpg_app3"]},
  "app4": {"secret": "app4 zvpg_app4", "roles": ["zvpg_app4"]},
  "pair": {"secret": "pair zvpg_app", "roles": ["zvpg_blue", "zvpg_green"], "alternating": true}}'
cat >"$WORK/inventory.ini" <<INI
[rotation]
app1 rotate_user=zvpg_app1
app2 rotate_user=zvpg_app2
app3 rotate_user=zvpg_app3
app4 rotate_user=zvpg_app4
pair rotate_user=zvpg_app rotate_postgresql_alternate_users='["zvpg_blue", "zvpg_green"]'

[rotation:vars]
ansible_connection=local
ansible_python_interpreter=$(command -v python)
INI
export INVENTORY_PATH="$WORK/inventory.ini"
export ANSIBLE_PIPELINING=true

export ZV_CONFIG
ZV_ACCESS_TOKEN=$(python pgcheck.py token)
export ZV_ACCESS_TOKEN
check() { python pgcheck.py check "$WORK/baseline.json" "$@"; }
python pgcheck.py baseline "$WORK/baseline.json"
all='["app1", "app2", "app3", "app4", "pair"]'

# app1, app2 and the pair were set 100 days ago (the emulator's clock set back), app3 10 days ago.
secrets() { printf '[%s]' "$(printf '{"name": "%s", "user": "%s", "canary": "%s"},' "$@" | sed 's/,$//')"; }
zv_control PUT /_emulator/clock '{"offset_seconds": -8640000}' >/dev/null
zv_playbook setup.yml -e "secrets='$(secrets "db zv_rotator" zv_rotator ROTATOR "app1 zvpg_app1" zvpg_app1 APP1 \
  "app2 zvpg_app2" zvpg_app2 APP2 "pair zvpg_app" zvpg_blue BLUE)'"
zv_control PUT /_emulator/clock '{"offset_seconds": -864000}' >/dev/null
zv_playbook setup.yml -e "secrets='$(secrets "app3 zvpg_app3" zvpg_app3 APP3)'"
zv_control PUT /_emulator/clock '{"offset_seconds": 0}' >/dev/null
check --unchanged --missing-ok app4

step "check mode lists what is due and why; nothing changes"
zv_playbook rotate.yml --check -e '{"expect": {"due": ["app1", "app2", "app4", "pair"], "skipped": ["app3"], "rotated": []},
  "expect_reasons": {"app1": "^would rotate: the password is 100\\.0 days old \\(max 30\\)$", "app4": "^would rotate: the secret does not exist yet$",
                     "app3": "^the password is 10\\.0 days old \\(max 30\\)$"}}'
check --unchanged --missing-ok app4

step "by age: app1, app2, the pair (100 days) and app4 (no secret: created) rotate; app3 (10 days) is fresh"
zv_playbook rotate.yml -e '{"expect": {"rotated": ["app1", "app2", "app4", "pair"], "skipped": ["app3"], "failed": []}}'
check --strict

step "again: everything is fresh"
zv_playbook rotate.yml -e "{\"expect\": {\"skipped\": $all}}"
check --strict

step "batches of 2 with max_fail_percentage 0: app1 fails in the first batch, the run stops; the summary covers the run"
zv_playbook_fails rotate.yml -e rotate_force=true -e rotate_serial=2 -e max_fail=0 \
  -e '{"fail_after": {"app1": "apply"}, "expect_run_now": true, "expect_run": {"failed": ["app1"], "rotated": ["app2"], "not_reached": ["app3", "app4", "pair"]}}'
check
step "the next run finishes app1 and rotates the rest, in batches of 2, with a summary of the whole run at the end"
zv_playbook rotate.yml -e rotate_force=true -e rotate_serial=2 -e max_fail=0 \
  -e "{\"expect_run\": {\"rotated\": $all, \"failed\": [], \"not_reached\": []}}"
check --strict

step "interrupted after stage (app1), apply (app2), verify (app3), promote_previous (app4), apply (the pair)"
zv_playbook rotate.yml -e rotate_force=true -e rotate_fail_on_error=false \
  -e "{\"fail_after\": {\"app1\": \"stage\", \"app2\": \"apply\", \"app3\": \"verify\", \"app4\": \"promote_previous\", \"pair\": \"apply\"}, \"expect\": {\"failed\": $all}}"
check --pending app1 app2 app3 app4 pair
zv_playbook rotate.yml --check -e "{\"expect\": {\"pending\": $all}}"
check --pending app1 app2 app3 app4 pair
step "the re-run rolls app1 back (never applied) and finishes the others"
zv_playbook rotate.yml -e '{"expect": {"skipped": ["app1"], "rotated": ["app2", "app3", "app4", "pair"]}}'
check --strict

step "interrupted after promote_main (app1, the pair) and after verify (app2); the re-run finishes them"
zv_playbook rotate.yml -e rotate_force=true -e rotate_fail_on_error=false --limit app1,app2,pair \
  -e '{"fail_after": {"app1": "promote_main", "app2": "verify", "pair": "promote_main"}, "expect": {"failed": ["app1", "app2", "pair"]}}'
check --pending app1 app2 pair
zv_playbook rotate.yml -e '{"expect": {"rotated": ["app1", "app2", "pair"], "skipped": ["app3", "app4"]}}'
check --strict

step "vault writes fail while staging (HTTP 500 on every create), then while promoting (every update)"
zv_control POST /_emulator/faults '{"kind": "status", "status": 500, "method": "POST", "path": "/secrets$"}' >/dev/null
zv_playbook_fails rotate.yml -e rotate_force=true -e zoho_vault_retries=0
zv_control DELETE /_emulator/faults >/dev/null
check
zv_control POST /_emulator/faults '{"kind": "status", "status": 500, "method": "PUT", "path": "/secrets/"}' >/dev/null
zv_playbook rotate.yml -e rotate_force=true -e zoho_vault_retries=0 -e rotate_fail_on_error=false \
  -e "{\"expect\": {\"failed\": $all}}"
zv_control DELETE /_emulator/faults >/dev/null
check --pending app1 app2 app3 app4 pair
zv_playbook rotate.yml -e "{\"expect\": {\"rotated\": $all}}"
check --strict

step "the database is down: every host fails before anything is staged; once it is back, a run rotates"
pg_stop
zv_playbook rotate.yml -e rotate_force=true -e rotate_fail_on_error=false -e "{\"expect\": {\"failed\": $all}}"
pg_start
check --strict
zv_playbook rotate.yml -e rotate_force=true -e "{\"expect\": {\"rotated\": $all}}"
check --strict

step "verifying logins on the socket: trusted (app1) or peer (app2) there, so both fail before anything changes"
zv_playbook rotate.yml -e rotate_force=true -e rotate_fail_on_error=false --limit app1,app2 \
  -e "{\"verify_hosts\": {\"app1\": \"$PGDATA\", \"app2\": \"$PGDATA\"}, \"expect\": {\"failed\": [\"app1\", \"app2\"]}}"
check --strict

kill_during() {
  # kill_during LIMIT FAULT: run a forced rotation of LIMIT, delay the vault reply FAULT describes (the write is
  # done, the reply withheld), and kill -9 the whole play while it waits for that reply.
  local limit=$1 fault=$2 id pid fired=0 _
  id=$(zv_control POST /_emulator/faults "$fault" | python -c 'import json, sys; print(json.load(sys.stdin)["id"])')
  setsid ansible-playbook -i "$INVENTORY_PATH" -e "@$ZV_CONFIG" rotate.yml --limit "$limit" -e rotate_force=true \
    >"$ZV_LOGS/killed-$limit-$(date +%s%N).log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    fired=$(zv_control GET /_emulator/faults | python -c "import json, sys; print(sum(f['fired'] for f in json.load(sys.stdin)['faults'] if str(f['id']) == '$id'))")
    [ "$fired" -gt 0 ] && break
    sleep 0.5
  done
  [ "$fired" -gt 0 ] || { echo "the play never reached the delayed call" >&2; kill -9 -- "-$pid"; return 1; }
  kill -9 -- "-$pid"
  wait "$pid" 2>/dev/null || true
  # Let the emulator finish the withheld reply before anything else asks it.
  sleep 3
  zv_control DELETE /_emulator/faults >/dev/null
  echo "killed the play of $limit while it waited for the delayed reply"
}

step "kill -9 during staging (the pending secret is written, the play dies): the re-run rolls back"
kill_during app2 '{"kind": "slow", "delay": 2, "phase": "after", "method": "POST", "path": "/secrets$", "count": 1}'
check --pending app2
zv_playbook rotate.yml --limit app2 -e '{"expect": {"skipped": ["app2"]}}'
check --strict

step "kill -9 while promoting (the main secret is written, the play dies): the re-run finishes"
kill_during pair "{\"kind\": \"slow\", \"delay\": 2, \"phase\": \"after\", \"method\": \"PUT\", \"path\": \"/secrets/$(python pgcheck.py secret-id 'pair zvpg_app')\$\", \"count\": 1}"
check --pending pair
zv_playbook rotate.yml --limit pair -e '{"expect": {"rotated": ["pair"]}}'
check --strict

step "kill -9 while the ALTER ROLE waits for a lock (the apply's outcome is unknown to the play): the re-run sorts it out"
# A superuser session holds pg_authid in EXCLUSIVE mode: logins (ACCESS SHARE) go on, ALTER ROLE waits.
psql_super -c "BEGIN; LOCK TABLE pg_authid IN EXCLUSIVE MODE; SELECT pg_sleep(120); COMMIT;" >/dev/null 2>&1 &
locker=$!
setsid ansible-playbook -i "$INVENTORY_PATH" -e "@$ZV_CONFIG" rotate.yml --limit app3 -e rotate_force=true \
  >"$ZV_LOGS/killed-app3-$(date +%s%N).log" 2>&1 &
pid=$!
waiting=0
for _ in $(seq 1 240); do
  waiting=$(psql_super -c "SELECT count(*) FROM pg_stat_activity WHERE usename = 'zv_rotator' AND wait_event_type = 'Lock'")
  [ "$waiting" -gt 0 ] && break
  sleep 0.5
done
[ "$waiting" -gt 0 ] || { echo "the play never reached the ALTER ROLE" >&2; kill -9 -- "-$pid"; exit 1; }
kill -9 -- "-$pid"
wait "$pid" 2>/dev/null || true
psql_super -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(120)%' AND pid <> pg_backend_pid()" >/dev/null
wait "$locker" 2>/dev/null || true
echo "killed the play of app3 while its ALTER ROLE waited for the lock"
check --pending app3
zv_playbook rotate.yml --limit app3 -e '{"expect": {"failed": []}}'
check --strict

step "leaks: neither the canaries nor any password the vault holds appear in any output or on disk (server log included)"
mapfile -t held < <(python pgcheck.py passwords)
[ "${#held[@]}" -ge 10 ] || { echo "expected at least 10 passwords in the vault, got ${#held[@]}" >&2; exit 1; }
ZV_CANARIES+=("${held[@]}")
zv_assert_no_leaks
echo "role_rotate_postgresql: ${SECONDS}s"
