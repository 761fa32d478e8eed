#!/usr/bin/env bash
# Mutation testing of the core crate with cargo-mutants: each mutant of the
# library is built and the whole test suite run against it (`cargo test
# --all-features`: unit, integration and doc tests). Not part of CI: it is
# far too slow for it. Results go to mutants.out/ (gitignored); record the
# score and the survivors in scripts/mutants-last.md.
#
#   scripts/mutants.sh                          the whole core (~4,900 mutants)
#   MUTANTS_SHARD=0/10 scripts/mutants.sh       every tenth mutant of it: a
#                                               systematic sample of the core
#   scripts/mutants.sh src/tally.rs src/*.rs    the files named
#   MUTANTS_JOBS=2 MUTANTS_TIMEOUT=600 scripts/mutants.sh
#   MUTANTS_RE='finite_population|ceil' scripts/mutants.sh src/planning.rs
#
# With the `mutants` profile (Cargo.toml: no debug info, dependencies
# optimised) and MUTANTS_JOBS=2, a shard of 1/40 (~123 mutants) takes about
# 20 minutes on a 2-core machine (a build ~10 s, the tests ~1 s for a caught
# mutant and ~7 s for a survivor, two mutants at a time): the whole core
# about 13 hours, so it is run as shards MUTANTS_SHARD=0/40 … 39/40.
#
# Needs cargo-mutants (`cargo install --locked cargo-mutants`).
set -euo pipefail
cd "$(dirname "$0")/.."

files=("$@")

args=(
    --all-features
    # Test builds without debug info (Cargo.toml's `mutants` profile): each
    # mutant's test binaries link in about 60 % of the time.
    --profile mutants
    --jobs "${MUTANTS_JOBS:-1}"
    --timeout "${MUTANTS_TIMEOUT:-300}"
    --output .
)
if [ -n "${MUTANTS_SHARD:-}" ]; then
    # Round robin: mutant i goes to shard i mod n, so each shard samples
    # every file rather than a slice of a few.
    args+=(--shard "$MUTANTS_SHARD" --sharding round-robin)
fi
if [ -n "${MUTANTS_RE:-}" ]; then
    args+=(--re "$MUTANTS_RE")
fi
for f in "${files[@]+"${files[@]}"}"; do
    args+=(--file "$f")
done

status=0
cargo mutants "${args[@]}" || status=$?
# 0: every mutant caught; 2: some missed; 3: some timed out; others: the
# tool or the unmutated baseline failed.
case "$status" in
    0 | 2 | 3) ;;
    *) echo "cargo mutants failed (exit $status)" >&2; exit "$status" ;;
esac

count() { if [ -f "mutants.out/$1" ]; then grep -c . "mutants.out/$1" || true; else echo 0; fi; }
caught=$(count caught.txt)
missed=$(count missed.txt)
timeouts=$(count timeout.txt)
unviable=$(count unviable.txt)
tested=$((caught + missed + timeouts))
printf '\nfiles: %s, shard: %s\n' "${files[*]:-the whole core}" "${MUTANTS_SHARD:-all}"
printf 'caught %s, missed %s, timed out %s, unviable %s\n' "$caught" "$missed" "$timeouts" "$unviable"
if [ "$tested" -gt 0 ]; then
    # Timeouts count as caught: the mutant did not pass the tests.
    awk -v c="$caught" -v t="$timeouts" -v n="$tested" 'BEGIN { printf "score: %.1f %% caught (%d of %d viable mutants)\n", 100 * (c + t) / n, c + t, n }'
fi
if [ "$missed" -gt 0 ]; then
    printf '\nsurvivors:\n'
    cat mutants.out/missed.txt
fi
