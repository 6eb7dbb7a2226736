# Source this at the start of a part's run.sh (benches/peers/<part>/run.sh):
#   source "$(dirname "${BASH_SOURCE[0]}")/../part.sh" PART DEFAULT_BATCH_MS "$@"
# It reads the part's arguments, INPUT_DIR [ROUNDS] [BATCH_MS] (ROUNDS 21 by default), and sets
#   here      the part's folder          root   the checkout
#   inputs, rounds, batch_ms             out    target/peers/PART, for the part's outputs
#   skip ...  prints "PART peers: skipped: ..." and exits 0 (a toolchain that cannot be set up)
#   fail ...  prints "PART peers: FAILED: ..." and exits 1
peer_part=$1
here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
inputs=${3:?usage: run.sh INPUT_DIR [ROUNDS] [BATCH_MS]}
rounds=${4:-21}
batch_ms=${5:-$2}
out="$root/target/peers/$peer_part"

skip() { echo "$peer_part peers: skipped: $*"; exit 0; }
fail() { echo "$peer_part peers: FAILED: $*" >&2; exit 1; }
