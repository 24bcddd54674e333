#!/usr/bin/env bash
# HTTP load scenarios against the real server jar (see bench/README.md):
#   bench/run.sh <bare|me|login|register|refresh|mixed|login-flood|startup|mfa-verify|import|all|soak|nodes>[,...]
#                [--db h2|postgres|both] [--seconds N] [--warmup N] [--concurrency C] [--users N] [--starts N]
#                [--lines N] [--out DIR] [--quiet-wait N] [--sample-seconds N] [--at REV | --rebuild]
# (soak and nodes run only when named: `all` leaves them out)
# Builds what is missing, then runs dev.gatehouse.bench.load.LoadRunner, which starts the server on a
# fresh database for each scenario, drives it, stops it and writes <out>/<scenario>-<db>.json.
#   server jar: bootstrap/target/gatehouse.jar, built when missing (--rebuild: always) from the work
#               tree; or, with --at REV, built from a clean export of commit REV under
#               bench/target/at/<sha>/ (kept for the next run), so the figures belong to one commit.
#   bench jar:  bench/target/benchmarks.jar, rebuilt when a bench source or bench/pom.xml is newer.
# Runs with --seconds under 10 are self-checks and write to bench/target/results/ unless --out says
# otherwise; 10 s and longer write to bench/results/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. bin/lib/java-home.sh

rebuild=0
at=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rebuild) rebuild=1 ;;
    --at) [ $# -ge 2 ] || { echo "bench/run.sh: --at needs a revision" >&2; exit 2; }; at="$2"; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
[ ${#args[@]} -gt 0 ] || args=(--help)

server_jar=bootstrap/target/gatehouse.jar
jvm_options=bootstrap/jvm.options
server_commit=""
if [ -n "$at" ]; then
  server_commit=$(git rev-parse --verify "$at^{commit}")
  tree=bench/target/at/$server_commit
  server_jar=$tree/bootstrap/target/gatehouse.jar
  jvm_options=$tree/bootstrap/jvm.options
  if [ ! -f "$server_jar" ]; then
    echo "bench/run.sh: building the server at $server_commit in $tree ..." >&2
    rm -rf "$tree" && mkdir -p "$tree"
    git archive "$server_commit" | tar -x -C "$tree"
    if ! (cd "$tree" && ./mvnw -B -ntp -q -pl bootstrap -am package -DskipTests); then
      echo "bench/run.sh: the server does not build at $server_commit (output above); try an earlier --at" >&2
      exit 1
    fi
  fi
elif [ "$rebuild" = 1 ] || [ ! -f "$server_jar" ]; then
  echo "bench/run.sh: building $server_jar from the work tree ..." >&2
  ./mvnw -B -ntp -q -pl bootstrap -am package -DskipTests
fi

bench_jar=bench/target/benchmarks.jar
if [ "$rebuild" = 1 ] || [ ! -f "$bench_jar" ] || \
   [ -n "$(find bench/src bench/pom.xml -newer "$bench_jar" -type f -print -quit)" ]; then
  echo "bench/run.sh: building $bench_jar ..." >&2
  # Uses the other modules as installed in ~/.m2; builds them too (-am) when they are not installed.
  ./mvnw -B -ntp -q -Pbench -pl bench package -DskipTests \
    || ./mvnw -B -ntp -q -Pbench -pl bench -am package -DskipTests
fi

# A --jvm-options of the caller's wins (it was overridden by this script's own until 2026-12-03).
for arg in "${args[@]}"; do
  [ "$arg" = --jvm-options ] && jvm_options="" && break
done
command="bench/run.sh ${args[*]}${at:+ --at $at}"
exec "$JAVA_HOME/bin/java" -Xms256m -Xmx1g -XX:+UseParallelGC \
  "-Dbench.command=$command" "-Dbench.serverCommit=$server_commit" \
  -cp "$bench_jar" dev.gatehouse.bench.load.LoadRunner "${args[@]}" --jar "$server_jar" \
  ${jvm_options:+--jvm-options "$jvm_options"}
