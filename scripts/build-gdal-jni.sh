#!/usr/bin/env bash
# Builds GDAL's Java bindings (libgdalalljni.so + gdal.jar) against Debian's libgdal, for eolearn-io's optional
# GDAL backend. Debian ships no GDAL JNI package; this script runs SWIG over the interface files of Debian's own
# GDAL source package, so the bindings match the installed libgdal exactly.
#
# Usage: scripts/build-gdal-jni.sh [OUTPUT_DIR]        (default: ./target/gdal-jni)
# Then:  mvn ... -Deolearn.gdal.jni=OUTPUT_DIR          (and put OUTPUT_DIR/gdal.jar on the class path)
#
# Needs root (or sudo) for apt-get: installs libgdal-dev, swig and g++; enables deb-src for `apt-get source`.
set -euo pipefail

OUT="$(realpath -m "${1:-target/gdal-jni}")"
WORK="$(mktemp -d /tmp/gdal-jni.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

echo "== installing build dependencies"
$SUDO apt-get install -y --no-install-recommends libgdal-dev swig g++ dpkg-dev xz-utils >/dev/null

if ! grep -rqs "deb-src\|Types:.*deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo "== enabling deb-src (debian.sources)"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    $SUDO sed -i 's/^Types: deb$/Types: deb deb-src/' /etc/apt/sources.list.d/debian.sources
  else
    . /etc/os-release
    echo "deb-src http://deb.debian.org/debian ${VERSION_CODENAME} main" | $SUDO tee /etc/apt/sources.list.d/eolearn-deb-src.list
  fi
  $SUDO apt-get update >/dev/null
fi

VERSION="$(dpkg-query -W -f='${source:Version}' libgdal-dev)"
echo "== fetching GDAL source ${VERSION}"
cd "$WORK"
apt-get source --download-only "gdal=${VERSION}" >/dev/null
tar xf gdal_*.orig.tar.* 
SRC="$(find "$WORK" -mindepth 1 -maxdepth 1 -type d -name 'gdal-[0-9]*' | head -1)"
[ -d "$SRC/swig/include" ] || { echo "GDAL source not found in $WORK" >&2; exit 1; }
INC="$SRC/swig/include"

JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
GEN="$WORK/gen"
mkdir -p "$GEN/java" "$OUT"

echo "== running SWIG"
for m in gdal ogr osr; do
  mkdir -p "$GEN/java/org/gdal/$m"
  swig -java -c++ -DSWIGJAVA -I"$INC" -I"$INC/java" -I/usr/include/gdal \
       -package "org.gdal.$m" -outdir "$GEN/java/org/gdal/$m" -o "$GEN/${m}_wrap.cpp" "$INC/$m.i"
done
mkdir -p "$GEN/java/org/gdal/gdalconst"
swig -java -DSWIGJAVA -I"$INC" -I"$INC/java" -I/usr/include/gdal \
     -package org.gdal.gdalconst -outdir "$GEN/java/org/gdal/gdalconst" -o "$GEN/gdalconst_wrap.c" "$INC/gdalconst.i"

echo "== compiling libgdalalljni.so"
CXXFLAGS="-O1 -fPIC -w -I/usr/include/gdal -I$JAVA_HOME/include -I$JAVA_HOME/include/linux"
g++ $CXXFLAGS -c "$GEN/gdal_wrap.cpp" -o "$GEN/gdal_wrap.o" &
g++ $CXXFLAGS -c "$GEN/ogr_wrap.cpp" -o "$GEN/ogr_wrap.o" &
wait
g++ $CXXFLAGS -c "$GEN/osr_wrap.cpp" -o "$GEN/osr_wrap.o"
gcc -O1 -fPIC -w -I/usr/include/gdal -I"$JAVA_HOME/include" -I"$JAVA_HOME/include/linux" \
    -c "$GEN/gdalconst_wrap.c" -o "$GEN/gdalconst_wrap.o"
g++ -shared "$GEN"/*.o -lgdal -o "$OUT/libgdalalljni.so"

echo "== compiling gdal.jar"
# the hand-written helper classes of GDAL's Java bindings
if [ -d "$SRC/swig/java/org" ]; then cp -r "$SRC/swig/java/org" "$GEN/java/"; fi
# let the bindings load the library from -Deolearn.gdal.jni (file or folder) as well as from java.library.path
LOADER='{ String eolearnJni = System.getProperty("eolearn.gdal.jni", ""); if (eolearnJni.isEmpty()) System.loadLibrary("gdalalljni"); else { java.io.File f = new java.io.File(eolearnJni); System.load((f.isDirectory() ? new java.io.File(f, "libgdalalljni.so") : f).getAbsolutePath()); } }'
grep -rl 'System.loadLibrary("gdalalljni")' "$GEN/java" | while read -r f; do
  LOADER="$LOADER" perl -0pi -e 's/System\.loadLibrary\("gdalalljni"\);/$ENV{LOADER}/g' "$f"
done
find "$GEN/java" -name '*.java' > "$GEN/sources.txt"
mkdir -p "$GEN/classes"
"$JAVA_HOME/bin/javac" -nowarn -encoding UTF-8 -d "$GEN/classes" @"$GEN/sources.txt" 2>&1 | grep -v '^Note:' || true
"$JAVA_HOME/bin/jar" cf "$OUT/gdal.jar" -C "$GEN/classes" .

echo "== done: $OUT/libgdalalljni.so and $OUT/gdal.jar (GDAL ${VERSION})"
