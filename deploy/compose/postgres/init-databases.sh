#!/usr/bin/env bash
# Run once by the postgres image on an empty data directory (/docker-entrypoint-initdb.d): one login role and one
# database per stateful service, each database owned by its service's role, so a service sees only its own tables.
# Flyway (in each service) creates the schema on start. Passwords come from the container's environment.
set -euo pipefail

create_service_database() { # database role password
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v db="$1" -v role="$2" -v password="$3" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
}

create_service_database dyad_ingest ingest "${DYAD_INGEST_DB_PASSWORD:?set DYAD_INGEST_DB_PASSWORD}"
create_service_database dyad_alert  alert  "${DYAD_ALERT_DB_PASSWORD:?set DYAD_ALERT_DB_PASSWORD}"
