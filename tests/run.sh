#!/usr/bin/env bash
# The README's test command: installs what the tests use beyond Cargo's crates, when it is
# missing and this machine can install it (Debian or Ubuntu, as root or with sudo), then runs
# every test. `.ci/run` calls it too.
#   perl, make - building SQLCipher's vendored OpenSSL (rusqlite's bundled-sqlcipher-vendored-openssl)
#   tmux      - the test that closes the console's window under it
#   xmllint   - Word and Excel exports checked as XML and against the OOXML schemas
#   sqlite3   - a second program writing to the file (history kept by the schema)
#   soffice, pdftotext and the Noto CJK and Carlito fonts - the record, the 纪要 and the
#               ledger printed to PDF by LibreOffice and measured (tests/readers.rs);
#               Carlito has Calibri's widths, so spreadsheet columns print as in Excel
#   xterm, Xvfb, xwd - the projected card in a real terminal at 14 and 36 points,
#               read back as pixels (tests/xterm.rs)
#   chromium    - the HTML record printed to PDF headless (CSS paged media: page numbers)
# Tests that need root (mounting a small filesystem to fill) print SKIPPED and why elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
# SQLCipher's vendored OpenSSL is configured with perl (and its core modules, which a
# minimal Debian's perl-base lacks) and built with make.
perl -MIPC::Cmd -MFile::Compare -MFile::Copy -e 1 >/dev/null 2>&1 || missing+=(perl)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing+=(fonts-noto-cjk)
command -v xterm >/dev/null 2>&1 || missing+=(xterm)
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
command -v xwd >/dev/null 2>&1 || missing+=(x11-apps)
fc-list 2>/dev/null | grep -q "Carlito" || missing+=(fonts-crosextra-carlito)
if ((${#missing[@]})); then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if command -v apt-get >/dev/null 2>&1; then
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
    else
        echo "tests/run.sh: please install ${missing[*]} (no apt-get here)" >&2
        exit 1
    fi
fi

# Checks that cannot run here (a tool from outside the repository, root) say so in this
# log; the harness hides what passing tests print, so the list is printed at the end.
# `.ci/run` sets SHUZE_NO_SKIP, which makes such a check fail instead.
skip_log=$(mktemp)
output=$(mktemp)
trap 'rm -f "$skip_log" "$output"' EXIT
export SHUZE_SKIP_LOG="$skip_log"
set +e
cargo test --locked --no-fail-fast "$@" 2>&1 | tee "$output"
status=${PIPESTATUS[0]}
set -e
skipped=$(sort -u "$skip_log" | grep -c . || true)
if ((skipped)); then
    echo "Skipped here (CI runs them all):"
    sort -u "$skip_log" | sed 's/^/  /'
fi
awk -v skipped="$skipped" '
    /^test result:/ {
        for (i = 2; i <= NF; i++) {
            if ($i ~ /^passed;?$/) passed += $(i - 1)
            if ($i ~ /^failed;?$/) failed += $(i - 1)
        }
    }
    /^(crash|fuzz): [0-9]+ passed, [0-9]+ failed$/ { passed += $2; failed += $4 }
    END { printf "summary: %d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$output"
exit "$status"
