#!/usr/bin/env bash
# The cross-language peers of the benchmark: on the inputs of benches/inputs.rs (S1, S2, L1, L2,
# written by benches/peers/write_inputs.rs, the same files `cargo bench --bench compare`
# writes), the task "parse the body and read the error's code, message and per-parameter
# messages (for a success: decide it is one)", each face of the library against what an app on
# that platform would use otherwise:
#
#   jvm      Gson and Jackson against the Kotlin wrapper through the JNI shim
#            (benches/peers/jvm/run.sh)
#   browser  JSON.parse plus the SDK's checks against the WebAssembly core, in headless Chromium
#            (benches/peers/browser/run.sh)
#   swift    Foundation's JSONSerialization (swift-corelibs-foundation on Linux, not Apple's)
#            against the Swift wrapper, in the trixie chroot of bindings/ios/test.sh
#            (benches/peers/swift/run.sh)
#
# Each prints a markdown table `| input | method | median | throughput | time / ours |` (ours:
# the first row of each input, the Kotlin / wasm / Swift read) from ONE process: medians of
# interleaved rounds. Each first checks that all its methods read every input alike (success,
# code, message, parameter and message counts, a checksum of their lengths), and fails
# otherwise. These are benchmarks, not tests: nothing asserts a speed; the figures are noisy on
# a shared 2-core machine.
#
# Each part prints "<part> peers: skipped: <why>" and is left out when its toolchain cannot be
# set up (no root for the chroot, no network for apt/npm/debootstrap, ...). Installs what it
# lacks (Debian packages, Kotlin 2.4.20 through bindings/android/install-kotlin.sh, the Swift
# chroot, 2.7 GB, on first use).
#
# Usage: benches/peers.sh [jvm] [browser] [swift]   (default: all three)
# Environment: PEERS_ROUNDS (counted rounds, default 21), PEERS_BATCH_MS (target batch time,
# default 4 ms), MONACA_KOTLIN_HOME (an installed Kotlin 2.4.20 home to use instead of
# install-kotlin.sh's), MONACA_SWIFT_CHROOT (an existing Swift chroot, such as another
# checkout's target/swift-chroot, instead of target/swift-chroot).
# Exits non-zero when a part fails (a disagreement, a build failure); skips do not fail.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
rounds=${PEERS_ROUNDS:-21}
batch_ms=${PEERS_BATCH_MS:-4}
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(jvm browser swift)
for part in "${parts[@]}"; do
  case $part in jvm | browser | swift) ;; *) echo "peers.sh: unknown part '$part' (jvm, browser, swift)" >&2; exit 2 ;; esac
done

inputs="$root/target/peers/inputs"
mkdir -p "$root/target/peers"
rustc -O --edition 2021 benches/peers/write_inputs.rs -o target/write-inputs \
  && target/write-inputs "$inputs" >/dev/null \
  || { echo "peers.sh: could not write the inputs (benches/peers/write_inputs.rs)" >&2; exit 1; }
cargo build --release --quiet || { echo "peers.sh: cargo build --release failed" >&2; exit 1; }

echo "peers: inputs $(for n in S1 S2 L1 L2; do printf '%s %s B, ' "$n" "$(wc -c <"$inputs/$n.json")"; done | sed 's/, $//')" \
  "(benches/inputs.rs); $rounds rounds, ~$batch_ms ms batches; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg):" \
  "timings are noisy, compare the ratios within one table only"
failed=()
for part in "${parts[@]}"; do
  echo
  echo "### $part"
  echo
  started=$SECONDS
  bash "benches/peers/$part/run.sh" "$inputs" "$rounds" "$batch_ms" || failed+=("$part")
  echo
  echo "($part: $((SECONDS - started)) s)"
done
echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "peers: FAILED: ${failed[*]}"
  exit 1
fi
echo "peers: done (${parts[*]})"
