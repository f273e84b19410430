#!/usr/bin/env bash
# Resolves the Kafka broker jars (deploy/kafka/pom.xml) with Maven into a project-local directory.
# Maven caches the downloads in ~/.m2; a stamp of the pom's checksum makes a repeat run a no-op.
#   KAFKA_LIBS_DIR  target directory (default: <repo>/.kafka/libs)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
libs_dir="${KAFKA_LIBS_DIR:-$root/.kafka/libs}"
pom="$here/pom.xml"
stamp="$libs_dir/.pom.sha256"
dependency_plugin="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

wanted="$(sha256sum "$pom" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]] && compgen -G "$libs_dir/kafka_2.13-*.jar" >/dev/null; then
  echo "kafka jars up to date in $libs_dir"
  exit 0
fi

command -v mvn >/dev/null || { echo "fetch.sh: mvn (Apache Maven) is required" >&2; exit 1; }
mkdir -p "$(dirname "$libs_dir")"
staging="$(mktemp -d "$(dirname "$libs_dir")/libs.staging.XXXXXX")"
trap 'rm -rf "$staging"' EXIT

attempts=3
for attempt in $(seq 1 "$attempts"); do
  # Maven 3.8 emits colour resets even in batch mode; strip them (pipefail keeps its exit code).
  if mvn -q -B -f "$pom" "$dependency_plugin:copy-dependencies" \
      -DincludeScope=runtime -DoutputDirectory="$staging" 2>&1 | sed 's/\x1b\[[0-9;]*m//g'; then
    break
  fi
  if (( attempt == attempts )); then
    echo "fetch.sh: Maven failed $attempts times; giving up" >&2
    exit 1
  fi
  delay=$(( 5 * 3 ** (attempt - 1) ))
  echo "fetch.sh: Maven attempt $attempt failed; retrying in ${delay}s" >&2
  sleep "$delay"
done

echo "$wanted" >"$staging/.pom.sha256"
# Swap the directory in whole so a concurrent reader never sees a half-filled one.
rm -rf "$libs_dir.old"
[[ -d "$libs_dir" ]] && mv "$libs_dir" "$libs_dir.old"
mv "$staging" "$libs_dir"
rm -rf "$libs_dir.old"
echo "kafka jars: $(ls "$libs_dir"/*.jar | wc -l) in $libs_dir"
