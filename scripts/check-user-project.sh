#!/usr/bin/env bash
# Builds the user project of docs/getting-started.md (its pom.xml and FirstPatch.java, taken from the page as they
# are) with the system's Maven against the artifacts installed in the local repository, and runs it on eo-learn's
# example patch. Usage: scripts/check-user-project.sh SHARED_DIR   (after ./mvnw install -DskipTests)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="$(cd "${1:?usage: $0 SHARED_DIR}" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# each block follows a line "<!-- user-project: PATH -->" and is the fenced code block right after it
awk -v dir="$work" '
  /^<!-- user-project: .* -->$/ { path = $3; next }
  path != "" && /^```/ { if (inside) { inside = 0; path = "" } else { inside = 1; file = dir "/" path;
                         system("mkdir -p \"$(dirname \"" file "\")\""); printf "" > file } ; next }
  inside { print >> file }
' "$root/docs/getting-started.md"
test -f "$work/pom.xml" && test -f "$work/src/main/java/example/FirstPatch.java"
mvn=$(command -v mvn || true)
[ -n "$mvn" ] || { echo "check-user-project: the system's Maven (mvn) is not installed" >&2; exit 1; }
version=$("$mvn" -B -v); echo "${version%%$'\n'*}"
(cd "$work" && "$mvn" -B -q package dependency:build-classpath -Dmdep.outputFile=cp.txt)
java -cp "$work/target/classes:$(cat "$work/cp.txt")" example.FirstPatch "$shared/data/eolearn/TestEOPatch" \
  "$work/filled" | tee "$work/out.txt"
grep -q "NDVI_FILLED \[68, 101, 100, 1\] saved to" "$work/out.txt"
test -f "$work/filled/data/NDVI_FILLED.npy.gz"
echo "check-user-project: the getting-started project builds and runs"
