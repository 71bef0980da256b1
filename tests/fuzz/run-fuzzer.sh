#!/bin/sh
# Runs the CSV fuzzer for a fixed time on the corpus kept in tests/fuzz/corpus.
# New inputs it finds go to a folder in the build tree, never into the sources.
set -eu
fuzzer=$1 corpus=$2 out=$3 seconds=$4
mkdir -p "$out/new" "$out/artifacts"
exec "$fuzzer" "$out/new" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$out/artifacts/"
