#!/usr/bin/env bash
# benches/long-answer.sh SHUZE: typing at the end of a long answer written in one paragraph.
#
# For answers of 0, 100 KB and 1.5 MB (one paragraph of Chinese text with ASCII, put into a
# copy of the sample as the first answer's revision with benches/sql.py, which writes as the
# program does, hash chain included), the console is opened on
# that answer (`s s Enter`, tmux 160x45) and
# - keystroke -> screen: ../shared/tools/keystroke-latency.sh (20 keys 0.3 s apart; the
#   floor is `cat` in the same harness, run last);
# - bytes written per keystroke: /proc/PID/io write_bytes over 20 keys 0.3 s apart (each
#   key's draft committed at once), divided by 20.
# Needs tmux and python3; Linux (/proc).
set -euo pipefail
shuze=$(realpath "${1:?usage: benches/long-answer.sh path/to/shuze}")
here=$(cd "$(dirname "$0")/.." && pwd)
latency=$here/../shared/tools/keystroke-latency.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A copy of the sample whose first answer is SIZE bytes of one paragraph, named NAME (each
# run its own copy: the console of the run before may still be saving into its file).
prepare() {
  local size=$1 db=$work/answer-$1-$2.db
  cp "$here/sample-db/sample.db" "$db"
  # Held today, so that the first stage does not ask to move the meeting's date.
  python3 "$here/benches/sql.py" "$db" "INSERT INTO meeting_change (meeting_id, held_on, changed_at)
                 VALUES (1, date('now', 'localtime'), '2026-01-01T00:00:00Z')"
  if [ "$size" -gt 0 ]; then
    python3 -c "
import sys
piece = '查摆廉政风险点4个，制定防控措施7项 (risk points) '
n = int(sys.argv[1]) // len(piece.encode()) + 1
print(piece * n, end='')" "$size" > "$work/body.txt"
    python3 "$here/benches/sql.py" "$db" "INSERT INTO text_revision (kind, slot_id, question_id, body, saved_at)
                   VALUES ('answer', 1, 1, ?, '2026-01-01T00:00:00Z')" "@$work/body.txt"
  fi
  echo "$db"
}

bytes_per_key() {
  local db=$1 sock=bw-$$ pid before after
  tmux -L "$sock" new-session -d -s m -x 160 -y 45 -e TERM=xterm-256color "$shuze $db"
  sleep 1.5
  for k in s s Enter; do tmux -L "$sock" send-keys -t m "$k"; sleep 0.4; done
  pid=$(tmux -L "$sock" display-message -p -t m '#{pane_pid}')
  # The first draft after opening writes the body whole; the keys measured come after it.
  tmux -L "$sock" send-keys -t m -l "始"; sleep 1
  before=$(awk '/^write_bytes/ {print $2}' "/proc/$pid/io")
  for c in 亓 亘 亟 亶 亹 仂 仉 仨 仫 仵 伛 伢 伧 伫 佘 佟 佧 佶 侉 侑; do
    tmux -L "$sock" send-keys -t m -l "$c"; sleep 0.3
  done
  after=$(awk '/^write_bytes/ {print $2}' "/proc/$pid/io")
  tmux -L "$sock" kill-server
  echo $(( (after - before) / 20 ))
}

for size in 0 100000 1500000; do
  db=$(prepare "$size" latency)
  "$latency" "shuze, answer of $size bytes," "s s Enter" "$shuze" "$db"
  db=$(prepare "$size" bytes)
  echo "shuze, answer of $size bytes, bytes written per keystroke: $(bytes_per_key "$db")"
done
"$latency" "cat (floor)" "" cat
