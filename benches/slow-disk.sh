#!/usr/bin/env bash
# benches/slow-disk.sh SHUZE [FSYNC_MS...]: typing with the meeting file on a slow disk (a USB
# stick, a network folder), for each fsync delay given (default: 0 20 100 300 ms).
#
# NOT RUN IN CI: it needs root, /dev/fuse and FUSE (it installs libfuse2 with apt-get and
# fusepy with pip when missing). benches/slowfs.py mounts a passthrough of a folder in which
# every fsync and fdatasync sleeps the delay first. For each delay it prints:
#   fsync:    os.fsync timed on the mount (the disk really is that slow)
#   console:  ../shared/tools/keystroke-latency.sh, keystroke -> character on the console
#             (answer editor after `s s Enter`, 20 keys 0.3 s apart)
#   typist:   the same 20 keys sent on a fixed beat of TYPIST_MS (default 100 ms: a fast
#             typist), each timed from its send to the console showing it; a key that is
#             not shown yet when the next falls due holds the beat
#   audience: benches/keystroke-audience.sh, keystroke -> character on `shuze present`
#   moves:    `j k j k j ?` sent at once in the questions pane (each move changes where the
#             recorder is, saved in the file): ms until the key help shows
#   burst:    200 characters sent at once (tmux send-keys -l): ms until the console shows
#             the last; after Esc and q, whether the answer in the file is exactly them
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shuze=$(realpath "${1:?usage: slow-disk.sh path/to/shuze [FSYNC_MS...]}")
shift
delays=("$@")
[ ${#delays[@]} -gt 0 ] || delays=(0 20 100 300)
tool=${KEYSTROKE_LATENCY:-/work/shared/tools/keystroke-latency.sh}
typist_ms=${TYPIST_MS:-100}

[ "$(id -u)" = 0 ] && [ -e /dev/fuse ] || { echo "SKIPPED: needs root and /dev/fuse"; exit 0; }
need_apt=()
command -v tmux >/dev/null || need_apt+=(tmux)
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
ldconfig -p | grep -q 'libfuse\.so\.2' || need_apt+=(libfuse2)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 -c 'import fuse' 2>/dev/null || pip install -q fusepy

work=$(mktemp -d)
mounts=()
cleanup() {
  tmux -L "sd-$$" kill-server 2>/dev/null || true
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

mount_slow() { # DELAY_MS -> prints the mount point
  local root=$work/root-$1 mnt=$work/mnt-$1
  mkdir -p "$root" "$mnt"
  python3 "$here/slowfs.py" "$root" "$mnt" "$1" >"$work/slowfs-$1.log" 2>&1 &
  for _ in $(seq 1 100); do mountpoint -q "$mnt" && break; sleep 0.05; done
  mountpoint -q "$mnt" || { cat "$work/slowfs-$1.log" >&2; exit 1; }
  echo "$mnt"
}

fsync_ms() { # MOUNT: median of 5 fsyncs of a small write
  python3 - "$1" <<'PY'
import os, statistics, sys, time
fd = os.open(os.path.join(sys.argv[1], "fsync-probe"), os.O_RDWR | os.O_CREAT, 0o600)
times = []
for i in range(5):
    os.pwrite(fd, b"x" * 100, i * 100)
    t = time.perf_counter(); os.fsync(fd); times.append((time.perf_counter() - t) * 1000)
os.close(fd)
print(f"median {statistics.median(times):.1f} max {max(times):.1f}")
PY
}

tm() { tmux -L "sd-$$" "$@"; }
shows() { tm capture-pane -p -t c | grep -qF "$1"; }

console() { # MOUNT NAME: a console in tmux on a fresh copy of the sample, its first screen shown
  local dir=$1/$2
  mkdir -p "$dir"
  cp "$here/../sample-db/sample.db" "$dir/sample.db"
  tm kill-server 2>/dev/null || true
  tm new-session -d -s c -x 160 -y 45 -e TERM=xterm-256color \
    "env XDG_DATA_HOME=$dir XDG_CONFIG_HOME=$dir $shuze $dir/sample.db"
  for _ in $(seq 1 200); do shows "第 1/8 位" && break; sleep 0.05; done
}

console_on() { # MOUNT NAME: the same, in the answer editor
  console "$1" "$2"
  tm send-keys -t c s; sleep 0.5
  # On another day than the sample's date the first stage asks to move it: n keeps it.
  if shows "会议准备的日期是"; then tm send-keys -t c n; sleep 0.5; fi
  for k in s Enter; do tm send-keys -t c "$k"; sleep 0.5; done
  for _ in $(seq 1 200); do shows "输入即自动保存" && break; sleep 0.05; done
}

typist() { # MOUNT: 20 keys on a fixed beat, each timed until shown
  console_on "$1" typist
  local chars=(亓 亘 亟 亶 亹 仂 仉 仨 仫 仵 伛 伢 伧 伫 佘 佟 佧 佶 侉 侑) res=() start next t0 t1
  start=$(date +%s%N)
  for i in "${!chars[@]}"; do
    next=$((start + i * typist_ms * 1000000))
    while [ "$(date +%s%N)" -lt "$next" ]; do sleep 0.002; done
    t0=$(date +%s%N); tm send-keys -t c -l "${chars[$i]}"
    for _ in $(seq 1 2000); do shows "${chars[$i]}" && break; sleep 0.002; done
    t1=$(date +%s%N); res+=($(((t1 - t0) / 1000000)))
  done
  tm kill-server
  printf '%s\n' "${res[@]}" | sort -n | awk '{a[NR]=$1} END{print "min", a[1], "median", a[int((NR+1)/2)], "max", a[NR]}'
}

moves() { # MOUNT: five moves of the selection and `?`, ms until the help shows
  local t0 t1
  console "$1" moves
  sleep 1
  t0=$(date +%s%N); tm send-keys -t c j k j k j '?'
  for _ in $(seq 1 5000); do shows "按键说明（" && break; sleep 0.002; done
  t1=$(date +%s%N)
  tm kill-server
  echo "$(((t1 - t0) / 1000000)) ms"
}

burst() { # MOUNT: 200 characters at once; ms to the last one on screen; the file read back
  console_on "$1" burst
  local text t0 t1 body
  text=$(for i in $(seq -w 1 50); do printf '第%s句' "$i"; done)
  t0=$(date +%s%N); tm send-keys -t c -l "$text"
  for _ in $(seq 1 5000); do shows "第50句" && break; sleep 0.002; done
  t1=$(date +%s%N)
  sleep 1; tm send-keys -t c Escape; sleep 0.5; tm send-keys -t c q
  for _ in $(seq 1 200); do tm has-session -t c 2>/dev/null || break; sleep 0.05; done
  body=$(sqlite3 "$1/burst/sample.db" \
    "SELECT body FROM text_revision WHERE kind = 'answer' ORDER BY id DESC LIMIT 1")
  if [ "$body" = "$text" ]; then verdict="file holds all 200 in order"; else
    verdict="FILE DIFFERS: ${#body} characters: ${body:0:40}..."; fi
  echo "last key on screen $(((t1 - t0) / 1000000)) ms; $verdict"
}

for d in "${delays[@]}"; do
  mnt=$(mount_slow "$d"); mounts+=("$mnt")
  echo "== fsync delay $d ms"
  echo "fsync on the mount, ms: $(fsync_ms "$mnt")"
  mkdir -p "$mnt/console"; cp "$here/../sample-db/sample.db" "$mnt/console/sample.db"
  "$tool" "console" "s s Enter" \
    env XDG_DATA_HOME="$mnt/console" XDG_CONFIG_HOME="$mnt/console" "$shuze" "$mnt/console/sample.db"
  echo "typist (${typist_ms} ms beat) keystroke->screen ms: $(typist "$mnt")"
  # (its clean-up may race the processes it ends on the slow mount: not a finding)
  TMPDIR=$mnt NAME=audience "$here/keystroke-audience.sh" "$shuze" 2>/dev/null || true
  echo "moves: j k j k j ? -> help shown $(moves "$mnt")"
  echo "burst: $(burst "$mnt")"
done
