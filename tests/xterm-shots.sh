#!/usr/bin/env bash
# Screenshots of the audience view's spotlight in a real terminal: xterm (with Sixel, as a
# VT340) under Xvfb at 1920x1080, fonts at 14, 22 and 36 points, and the same without
# Sixel (Unifont). xterm answers the cell-size query (ESC[16t) only with allowWindowOps;
# without it shuze draws Unifont there too. Not run by CI: it needs X packages (apt-get install xterm xvfb x11-apps
# imagemagick) and the PNGs are for a person to look at.
#   usage: tests/xterm-shots.sh [SHUZE_BINARY] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-target/release/shuze}")
out=$(realpath -m "${2:-target/xterm-shots}")
mkdir -p "$out"
work=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
# ImageMagick (its own path first: some machines put a stand-in named convert earlier).
convert=$( [[ -x /usr/bin/convert ]] && echo /usr/bin/convert || command -v convert)
display=:${XTERM_SHOTS_DISPLAY:-77}
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp &
xvfb=$!
sleep 1
export DISPLAY=$display XDG_DATA_HOME=$work/data
cp sample-db/sample.db "$work/sample.db"

shot() { # NAME POINTS SIXEL(yes|no)
    local name=$1 points=$2 sixel=$3 args=()
    [[ $sixel == yes ]] && args=(-ti vt340 -xrm 'XTerm*decTerminalID: vt340' -xrm 'XTerm*sixelScrolling: true' -xrm 'XTerm*numColorRegisters: 256' -xrm 'XTerm*allowWindowOps: true')
    xterm -geometry 1920x1080+0+0 -maximized -fa 'Noto Sans Mono CJK SC' -fs "$points" \
        -bg '#0b0f14' -fg '#f4f6f8' "${args[@]}" \
        -e "$bin" present "$work/sample.db" &
    local term=$!
    sleep 4
    xwd -root -silent -display "$display" >"$work/$name.xwd"
    "$convert" "$work/$name.xwd" "$out/$name.png"
    kill "$term" 2>/dev/null || true
    wait "$term" 2>/dev/null || true
    echo "$out/$name.png"
}

# The room's picture: the recorder (in tmux) starts the first official's report and puts
# the spotlight on the projector, then quits; the report's clock runs on.
tmux -L xterm-shots new-session -d -x 160 -y 45 "$bin $work/sample.db"
sleep 2
for k in s z q; do tmux -L xterm-shots send-keys "$k"; sleep 1; done
tmux -L xterm-shots kill-server 2>/dev/null || true
for points in 14 22 36; do
    shot "sixel-${points}pt" "$points" yes
    shot "unifont-${points}pt" "$points" no
done
