#!/usr/bin/env bash
# Large user populations on PostgreSQL, and the user-listing benchmark (see bench/README.md):
#   bench/users.sh generate [--db NAME] [--big N] [--accounts N] [--per-account N] [--out FILE]
#       drops and creates database NAME (default gatehouse_users_bench) on 127.0.0.1:5432 (user postgres),
#       migrates it, and fills one tenant with an account of N users (100,000) and N accounts (10,000) of
#       N users each (100): 1.1 million users sharing ONE bcrypt hash of the password in the dataset file
#       (bench/target/users-dataset.json, which also holds the tenant's keys: keep it local).
#   bench/users.sh list [--requests N] [--warmup N] [--out FILE]
#       starts the server jar on that database and times the first and the 1000th page (limit 100) of the
#       100,000-user account: GET /v1/account/users (its admin), GET /v1/admin/users?accountId= (root token),
#       and GET /v1/admin/users over the whole tenant; writes bench/results/user-listing-postgres.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. bin/lib/java-home.sh

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
  generate) main=dev.gatehouse.bench.users.UserDataGenerator ;;
  list) main=dev.gatehouse.bench.users.UserListingBenchmark ;;
  *) sed -n '2,12p' "$0" >&2; exit 2 ;;
esac

if [ "$command" = list ] && [ ! -f bootstrap/target/gatehouse.jar ]; then
  echo "bench/users.sh: building bootstrap/target/gatehouse.jar ..." >&2
  ./mvnw -B -ntp -q -pl bootstrap -am package -DskipTests
fi
bench_jar=bench/target/benchmarks.jar
# The generator bundles the persistence adapter and its migrations: rebuild when any module's sources changed.
if [ ! -f "$bench_jar" ] || [ -n "$(find bench/src bench/pom.xml */src/main -newer "$bench_jar" -type f -print -quit)" ]; then
  echo "bench/users.sh: building $bench_jar ..." >&2
  ./mvnw -B -ntp -q -Pbench -pl bench -am package -DskipTests
fi
extra=()
if [ "$command" = list ]; then
  extra=(--commit "$(git rev-parse HEAD)$(git diff --quiet HEAD -- . ':!bench/results' || echo '+dirty')")
fi
exec "$JAVA_HOME/bin/java" -cp "$bench_jar" "$main" "${extra[@]}" "$@"
