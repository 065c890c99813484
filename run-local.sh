#!/usr/bin/env bash
# Dyad on one machine, no Docker: a Kafka broker (own JVM), PostgreSQL, the three services and a demo that sends a
# US–Mexico story from an RSS feed through the pipeline into a webhook alert printed on this console.
#
#   ./run-local.sh                      build when needed, start everything, run the demo; Ctrl-C stops it all
#   DYAD_DEMO=false ./run-local.sh      no demo feed, subscription or webhook sink
#   KAFKA_BOOTSTRAP_SERVERS=host:9092   use that broker instead of starting one
#   DYAD_DB_HOST=host DYAD_DB_PORT=5432 QUARKUS_DATASOURCE_USERNAME=u QUARKUS_DATASOURCE_PASSWORD=p
#                                       use that PostgreSQL (databases dyad_ingest and dyad_alert are created)
#   DYAD_INGEST_JDBC_URL / DYAD_ALERT_JDBC_URL   use these existing databases as they are
#   DYAD_ADMIN_API_KEY=...              the operators' key; otherwise one is made (kept in .dyad-local/) and printed
#
# State (Kafka data, PostgreSQL data, logs) lives in .dyad-local/ (DYAD_STATE_DIR); a second run reuses it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
STATE="${DYAD_STATE_DIR:-$ROOT/.dyad-local}"
LOGS="$STATE/logs"
KAFKA_PORT="${DYAD_KAFKA_PORT:-9092}"
PG_PORT="${DYAD_PG_PORT:-5433}"
DEMO_PORT="${DYAD_DEMO_PORT:-8089}"
INGEST_PORT=8081
CLASSIFY_PORT=8082
ALERT_PORT=8083
SERVICES=(ingest-service classify-service alert-service)

log() { printf '\033[1;34m[dyad]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[dyad] %s\033[0m\n' "$*" >&2; exit 1; }

PIDS=()
KAFKA_PID=""
OWN_PG=""
cleanup() {
  trap - EXIT INT TERM
  log "Stopping everything this script started ..."
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$KAFKA_PID" ]; then kill "$KAFKA_PID" 2>/dev/null || true; wait "$KAFKA_PID" 2>/dev/null || true; fi
  if [ -n "$OWN_PG" ]; then launcher LocalPostgresCtl stop "$STATE/pg" "$PG_PORT" >/dev/null 2>&1 || true; fi
  log "Stopped."
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
require_free_port() {
  if port_busy "$1"; then die "port $1 ($2) is already in use — is another Dyad still running? Stop it or change the port."; fi
}
wait_for_http() { # url, name, seconds
  local deadline=$((SECONDS + $3))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    [ $SECONDS -lt "$deadline" ] || die "$2 did not become ready within $3 s; see $LOGS/$2.log"
    sleep 0.5
  done
}
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# --- prerequisites and build --------------------------------------------------------------------------------------
command -v java >/dev/null || die "Java 17+ is needed (apt-get install -y openjdk-17-jdk)."
command -v curl >/dev/null || die "curl is needed (apt-get install -y curl)."
command -v python3 >/dev/null || die "python3 is needed for the demo's JSON handling."
mkdir -p "$LOGS"

needs_build() {
  [ -f test-support/target/launcher-classpath.txt ] || return 0
  for svc in "${SERVICES[@]}"; do [ -f "$svc/target/quarkus-app/quarkus-run.jar" ] || return 0; done
  [ -f "$STATE/build.stamp" ] || return 0
  [ -n "$(find pom.xml ./*/pom.xml ./*/src -newer "$STATE/build.stamp" -type f -print -quit 2>/dev/null)" ]
}
if needs_build; then
  command -v mvn >/dev/null || die "Maven is needed to build Dyad (apt-get install -y maven)."
  log "Building Dyad (mvn -DskipTests package; a few minutes the first time) ..."
  mvn -B -q -DskipTests package || die "the build failed; run 'mvn -DskipTests package' to see why."
  touch "$STATE/build.stamp"
fi
CLASSPATH_LAUNCHER="$(cat test-support/target/launcher-classpath.txt):$(ls "$ROOT"/test-support/target/test-support-*.jar | head -1)"
# Runs a main class of test-support in its own JVM. In the background, "launcher X &" would make $! the PID of a
# subshell rather than of java, so background launches call java directly instead.
launcher() { local main="$1"; shift; java -Xmx256m -cp "$CLASSPATH_LAUNCHER" "io.dyad.testsupport.local.$main" "$@"; }

for port in $INGEST_PORT $CLASSIFY_PORT $ALERT_PORT; do require_free_port "$port" "a Dyad service"; done

# --- Kafka ---------------------------------------------------------------------------------------------------------
if [ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  log "Using the Kafka broker at $KAFKA_BOOTSTRAP_SERVERS"
else
  require_free_port "$KAFKA_PORT" "Kafka; set DYAD_KAFKA_PORT or KAFKA_BOOTSTRAP_SERVERS"
  require_free_port "$((KAFKA_PORT + 1))" "Kafka controller"
  log "Starting Kafka 4.1.2 (KRaft, 12 partitions per topic) on 127.0.0.1:$KAFKA_PORT, data in $STATE/kafka ..."
  java -Xmx512m -cp "$CLASSPATH_LAUNCHER" io.dyad.testsupport.local.LocalKafka "$STATE/kafka" "$KAFKA_PORT" \
    "$((KAFKA_PORT + 1))" 12 >"$LOGS/kafka.log" 2>&1 &
  KAFKA_PID=$!
  deadline=$((SECONDS + 90))
  until grep -q "Kafka broker ready" "$LOGS/kafka.log" 2>/dev/null; do
    kill -0 "$KAFKA_PID" 2>/dev/null || die "Kafka failed to start; see $LOGS/kafka.log"
    [ $SECONDS -lt $deadline ] || die "Kafka did not start within 90 s; see $LOGS/kafka.log"
    sleep 0.5
  done
  export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT"
fi

# --- PostgreSQL ----------------------------------------------------------------------------------------------------
export DYAD_PG_USER="${QUARKUS_DATASOURCE_USERNAME:-dyad}" DYAD_PG_PASSWORD="${QUARKUS_DATASOURCE_PASSWORD:-dyad}"
export QUARKUS_DATASOURCE_USERNAME="$DYAD_PG_USER" QUARKUS_DATASOURCE_PASSWORD="$DYAD_PG_PASSWORD"
if [ -n "${DYAD_INGEST_JDBC_URL:-}" ] && [ -n "${DYAD_ALERT_JDBC_URL:-}" ]; then
  log "Using the databases $DYAD_INGEST_JDBC_URL and $DYAD_ALERT_JDBC_URL"
else
  if [ -n "${DYAD_DB_HOST:-}" ]; then
    db_host="$DYAD_DB_HOST"; db_port="${DYAD_DB_PORT:-5432}"
    launcher LocalPostgresCtl create "$db_host" "$db_port" dyad_ingest dyad_alert >>"$LOGS/postgres.log" 2>&1 \
      || die "cannot create the databases on $db_host:$db_port; see $LOGS/postgres.log"
    log "Using PostgreSQL at $db_host:$db_port"
  elif port_busy 5432 && launcher LocalPostgresCtl create 127.0.0.1 5432 dyad_ingest dyad_alert >>"$LOGS/postgres.log" 2>&1; then
    db_host=127.0.0.1; db_port=5432
    log "Using the PostgreSQL on localhost:5432 (user $DYAD_PG_USER)"
  else
    db_host=127.0.0.1; db_port="$PG_PORT"
    log "Starting PostgreSQL on 127.0.0.1:$PG_PORT, data in $STATE/pg ..."
    launcher LocalPostgresCtl start "$STATE/pg" "$PG_PORT" dyad_ingest dyad_alert >>"$LOGS/postgres.log" 2>&1 \
      || die "PostgreSQL failed to start: $(tail -3 "$LOGS/postgres.log")"
    OWN_PG=1
  fi
  DYAD_INGEST_JDBC_URL="jdbc:postgresql://$db_host:$db_port/dyad_ingest"
  DYAD_ALERT_JDBC_URL="jdbc:postgresql://$db_host:$db_port/dyad_alert"
fi

# --- the operators' key: from the environment, else the one an earlier run made, else a new one ----------------------
if [ -z "${DYAD_ADMIN_API_KEY:-}" ]; then
  if [ ! -s "$STATE/admin-api-key" ]; then
    (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | sed 's/^/dyad_admin_/' >"$STATE/admin-api-key")
  fi
  DYAD_ADMIN_API_KEY="$(cat "$STATE/admin-api-key")"
fi
export DYAD_ADMIN_API_KEY
AUTH="Authorization: Bearer $DYAD_ADMIN_API_KEY"

# --- the three services --------------------------------------------------------------------------------------------
# The JVM settings operators get everywhere (deploy/README.md, "JVM settings"): the AppCDS archive that `mvn package`
# made (it needs the jar run from its own directory), a heap that starts small, the serial collector, a smaller code
# cache and thread stacks, and two glibc malloc arenas. DYAD_JAVA_OPTS replaces the options.
SERVICE_JAVA_OPTS="${DYAD_JAVA_OPTS:--XX:SharedArchiveFile=app-cds.jsa -Xms32m -Xmx512m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k}"
start_service() { # name port [KEY=VALUE ...]
  local name="$1" port="$2"; shift 2
  # env -C runs java in the jar's directory (AppCDS) as the same process, so $! is java's PID for the clean-up
  # shellcheck disable=SC2086 # the options are words
  env -C "$name/target/quarkus-app" QUARKUS_HTTP_PORT="$port" MALLOC_ARENA_MAX=2 "$@" \
    java $SERVICE_JAVA_OPTS -jar quarkus-run.jar >"$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
}
log "Starting classify-service, alert-service and ingest-service ..."
# Private addresses are allowed here only because the demo feed and webhook sink live on 127.0.0.1.
export DYAD_EGRESS_ALLOW_PRIVATE="${DYAD_EGRESS_ALLOW_PRIVATE:-true}"
start_service classify-service $CLASSIFY_PORT
start_service alert-service $ALERT_PORT QUARKUS_DATASOURCE_JDBC_URL="$DYAD_ALERT_JDBC_URL"
start_service ingest-service $INGEST_PORT QUARKUS_DATASOURCE_JDBC_URL="$DYAD_INGEST_JDBC_URL"
wait_for_http "http://127.0.0.1:$CLASSIFY_PORT/q/health/ready" classify-service 120
wait_for_http "http://127.0.0.1:$ALERT_PORT/q/health/ready" alert-service 120
wait_for_http "http://127.0.0.1:$INGEST_PORT/q/health/ready" ingest-service 120
log "All three services are ready."

# --- demo ----------------------------------------------------------------------------------------------------------
if [ "${DYAD_DEMO:-true}" != "false" ]; then
  require_free_port "$DEMO_PORT" "the demo feed and webhook sink; set DYAD_DEMO_PORT"
  java -Xmx128m -cp "$CLASSPATH_LAUNCHER" io.dyad.testsupport.local.DemoServer "$DEMO_PORT" &
  PIDS+=($!)
  wait_for_http "http://127.0.0.1:$DEMO_PORT/feed.xml" demo-server 30

  sub_name="Demo: US–Mexico trade and migration"
  sub_id="$(curl -fsS -H "$AUTH" "http://127.0.0.1:$ALERT_PORT/subscriptions" | python3 -c '
import json,sys
for s in json.load(sys.stdin):
    if s.get("name") == sys.argv[1]: print(s["id"]); break' "$sub_name")"
  if [ -z "$sub_id" ]; then
    sub_id="$(curl -fsS -X POST "http://127.0.0.1:$ALERT_PORT/subscriptions" -H "$AUTH" -H 'Content-Type: application/json' \
      -d "{\"name\":\"$sub_name\",\"filter\":{\"pairs\":[\"US-MX\"],\"countries\":[],\"issues\":[\"trade\",\"migration\"]},
           \"channel\":{\"type\":\"webhook\",\"url\":\"http://127.0.0.1:$DEMO_PORT/webhook\"}}" | json_field id)"
  fi
  log "Subscription $sub_id: pair US-MX, issues trade or migration → webhook http://127.0.0.1:$DEMO_PORT/webhook"

  feed_url="http://127.0.0.1:$DEMO_PORT/feed.xml"
  source_id="$(curl -fsS -H "$AUTH" "http://127.0.0.1:$INGEST_PORT/sources" | python3 -c '
import json,sys
for s in json.load(sys.stdin):
    if s.get("url") == sys.argv[1]: print(s["id"]); break' "$feed_url")"
  if [ -z "$source_id" ]; then
    source_id="$(curl -fsS -X POST "http://127.0.0.1:$INGEST_PORT/sources" -H "$AUTH" -H 'Content-Type: application/json' \
      -d "{\"name\":\"Dyad Demo Wire\",\"url\":\"$feed_url\",\"type\":\"rss\",\"pollInterval\":\"PT5M\"}" | json_field id)"
  fi
  log "Source $source_id: $feed_url (polled every 5 minutes); fetching it now ..."
  log "Fetch result: $(curl -fsS -X POST -H "$AUTH" "http://127.0.0.1:$INGEST_PORT/sources/$source_id/fetch")"
  log "Watch for the ALERT below: the US–Mexico story travels ingest → Kafka → classify → Kafka → alert → webhook."
fi

cat <<EOF

  Dyad is running (Ctrl-C stops everything this script started).
    ingest-service    http://127.0.0.1:$INGEST_PORT/sources      Swagger UI http://127.0.0.1:$INGEST_PORT/q/swagger-ui
    classify-service  http://127.0.0.1:$CLASSIFY_PORT/classify     Swagger UI http://127.0.0.1:$CLASSIFY_PORT/q/swagger-ui
    alert-service     http://127.0.0.1:$ALERT_PORT/subscriptions Swagger UI http://127.0.0.1:$ALERT_PORT/q/swagger-ui
    health / metrics  /q/health/ready and /q/metrics on each service
    Kafka             $KAFKA_BOOTSTRAP_SERVERS
    logs              $LOGS/
    admin API key     $DYAD_ADMIN_API_KEY   (send as: Authorization: Bearer <key>; kept in $STATE/admin-api-key)

EOF

# Run until Ctrl-C, or until one of our processes dies (polled: "wait -n" differs across bash versions).
while sleep 2; do
  for pid in "${PIDS[@]}" $KAFKA_PID; do
    kill -0 "$pid" 2>/dev/null || die "a Dyad process (pid $pid) stopped unexpectedly; see the logs in $LOGS/"
  done
done
