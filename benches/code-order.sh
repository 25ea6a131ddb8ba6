#!/usr/bin/env bash
# Writes benches/code-order.txt: the functions the console runs when it starts on the sample
# and shows its first screen, then those it runs when driven through every pane, form and
# view, each group in the order of their names. build.rs asks the linker to put them first
# in that order, so at start-up the kernel maps in the first group's code rather than
# nearly all 3 MB of it, and the rest stays together behind it (resident memory:
# BENCHMARKS.md).
#
# Run it after a change of toolchain or dependencies (the symbol names carry hashes of
# both), then rebuild with `cargo build --release`. Needs valgrind and tmux; takes about a
# minute. `benches/code-order.sh --check` prints how many of the listed names the current
# release build still has, and changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
list=benches/code-order.txt
bin=target/release/shuze

symbols() { nm --defined-only "$bin" | awk 'NF == 3 && $2 ~ /[tT]/ { print $3 }' | sort -u; }

if [[ ${1:-} == --check ]]; then
    total=$(grep -c . "$list")
    found=$(symbols | comm -12 - <(sort -u "$list") | wc -l)
    echo "code order: $found of $total listed functions are in $bin"
    exit 0
fi

work=$(mktemp -d)
trap 'tmux -L code-order kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
cargo build --release --locked --quiet
export XDG_DATA_HOME=$work/data
tmux -L code-order new-session -d -s m -x 160 -y 45 -e TERM=xterm-256color \
    "valgrind --tool=callgrind --demangle=no --callgrind-out-file=$work/calls $bin 2>$work/log"
key() { tmux -L code-order send-keys -t m "$@" 2>/dev/null || true; sleep 1.5; }
text() { tmux -L code-order send-keys -t m -l "$1" 2>/dev/null || true; sleep 2; }
sleep 20
# What ran until now, the start-up and a few seconds on the first screen, in a file of its
# own (calls.1; the rest goes to calls when the program ends).
callgrind_control --dump=start-up >/dev/null 2>&1
sleep 2
for k in j k Tab s s Space Space Tab Enter; do key "$k"; done
text 测试回答内容
key Escape
key r
text 主持人点评
for k in Escape t Escape f Escape /; do key "$k"; done
text 张
for k in Escape '?' Escape P P b b z z v v c c n p g Escape m Escape R Escape; do key "$k"; done
key q
sleep 1
key y
for _ in $(seq 30); do [[ -s $work/calls ]] && break; sleep 1; done

# Every function of the program itself that ran ("fn=" lines under the program's "ob="),
# in one dump.
ran() {
python3 - "$1" "$bin" <<'EOF'
import re, sys
calls, program = sys.argv[1], sys.argv[2]
objects, names, ran, current = {}, {}, set(), None
for line in open(calls, encoding="utf-8", errors="replace"):
    m = re.match(r"^(ob|cob|fn|cfn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
    if not m:
        continue
    kind, number, name = m.groups()
    table = objects if kind in ("ob", "cob") else names
    if name:
        table[number] = name
    if kind == "ob":
        current = objects[number]
    elif kind == "fn" and current and current.endswith(program.split("/")[-1]):
        ran.add(names[number])
print("\n".join(sorted(ran)))
EOF
}
ran "$work/calls.1" | sort -u >"$work/start"
ran "$work/calls" | sort -u | comm -23 - "$work/start" >"$work/rest"
symbols >"$work/symbols"
{
    comm -12 "$work/symbols" "$work/start"
    comm -12 "$work/symbols" "$work/rest"
} >"$list"
echo "code order: $(wc -l <"$list") functions written to $list, $(wc -l <"$work/start") of them run at start-up"
