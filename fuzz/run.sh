#!/usr/bin/env bash
# Runs every fuzz target for a while and reports executions per target.
#
#   fuzz/run.sh                      smoke run: ~10 s per target
#   FUZZ_SECONDS=600 fuzz/run.sh     long run: 10 min per target
#   FUZZ_RUNS=1000000 fuzz/run.sh    a fixed number of executions instead
#   FUZZ_SEED=1 FUZZ_RUNS=30000 fuzz/run.sh
#                                    the same inputs every time (CI): with a
#                                    fixed seed, a run count and an empty
#                                    corpus, a smoke run is reproducible
#   fuzz/run.sh bulk numeric         only the named targets
#
# Needs cargo-fuzz (`cargo install --locked cargo-fuzz`). On a stable
# toolchain RUSTC_BOOTSTRAP=1 unlocks the sanitizer-coverage flags.
# The crate forbids `unsafe`, so targets are built without a sanitizer,
# with debug assertions and overflow checks on (cargo-fuzz's default).
# Exits non-zero when any target crashes, times out or runs out of memory;
# the input that did it is left in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."

export RUSTC_BOOTSTRAP=1
seconds=${FUZZ_SECONDS:-10}
runs=${FUZZ_RUNS:-}
seed=${FUZZ_SEED:-}
# One slow input is a finding too: 10 s is ~10⁴ times the usual execution.
timeout=${FUZZ_TIMEOUT:-10}

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi

cargo fuzz build --sanitizer none >/dev/null

declare -A extra=(
    [deserialize]="-dict=fuzz/deserialize.dict"
    [bulk]="-max_len=2048"
    [bitmap]="-max_len=2048"
)
declare -A seeds=(
    [deserialize]="fuzz/seeds/deserialize"
)

failed=()
summary=()
for target in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$target"
    log=$(mktemp)
    args=(-timeout="$timeout" -rss_limit_mb=2048 -print_final_stats=1)
    if [ -n "$seed" ]; then
        args+=(-seed="$seed")
    fi
    if [ -n "$runs" ]; then
        args+=(-runs="$runs")
    else
        args+=(-max_total_time="$seconds")
    fi
    # shellcheck disable=SC2206 # the extra flags are one word each
    args+=(${extra[$target]:-})
    corpora=("fuzz/corpus/$target")
    if [ -n "${seeds[$target]:-}" ]; then
        corpora+=("${seeds[$target]}")
    fi
    printf '==> fuzz %s\n' "$target"
    status=0
    cargo fuzz run --sanitizer none "$target" "${corpora[@]}" -- "${args[@]}" >"$log" 2>&1 || status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    if [ "$status" -ne 0 ]; then
        failed+=("$target")
        grep -E -A 20 "panicked|ERROR: libFuzzer|ALARM|Failing input" "$log" | head -n 60 || tail -n 40 "$log"
        summary+=("$(printf '%-12s %12s executions  FAILED (exit %s)' "$target" "${execs:-?}" "$status")")
    else
        summary+=("$(printf '%-12s %12s executions  ok' "$target" "${execs:-?}")")
    fi
    rm -f "$log"
done

printf '\n'
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    printf 'fuzzing found a problem in: %s (inputs in fuzz/artifacts/)\n' "${failed[*]}"
    exit 1
fi
printf 'fuzzing: %d targets, no crash\n' "${#targets[@]}"
