#!/usr/bin/env bash
# benches/keystroke-audience.sh SHUZE: keystroke in the console to the character on the
# audience view, through the meeting file.
#
# Runs ../shared/tools/keystroke-latency.sh on a terminal that shows the audience view only:
# an inner tmux (its own socket) holds the console in a pane too narrow to draw anything
# (it still takes every key) beside `shuze present --answers`; the keys typed go to the
# console, and what the outer harness reads is the audience view. Prints the harness's line.
set -euo pipefail
shuze=$(realpath "${1:?usage: keystroke-audience.sh path/to/shuze}")
tool=${KEYSTROKE_LATENCY:-$(dirname "$(realpath "$0")")/../../shared/tools/keystroke-latency.sh}
dir=$(mktemp -d)
trap 'tmux -L "ka-$$" kill-server 2>/dev/null || true; rm -rf "$dir"' EXIT
cp "$(dirname "$0")/../sample-db/sample.db" "$dir/sample.db"
# Held today, so that the first stage does not ask to move the meeting's date (written with
# the hash chain's function, benches/sql.py).
python3 "$(dirname "$0")/sql.py" "$dir/sample.db" "INSERT INTO meeting_change (meeting_id, held_on, changed_at)
                          VALUES (1, date('now', 'localtime'), '2026-01-01T00:00:00Z')"
inner="$dir/inner.sh"
cat > "$inner" <<INNER
#!/usr/bin/env bash
unset TMUX
export XDG_DATA_HOME=$dir XDG_CONFIG_HOME=$dir
tmux -L ka-$$ -f /dev/null new-session -s i -x 160 -y 44 "$shuze $dir/sample.db" \\; \\
  set -g status off \\; \\
  split-window -h -l 150 "$shuze present $dir/sample.db --answers" \\; \\
  select-pane -L
INNER
chmod +x "$inner"
# s s: to questions; Enter: the answer editor. The audience view shows the answer as typed.
"$tool" "${NAME:-audience}" "s s Enter" "$inner"
