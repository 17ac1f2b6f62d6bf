#!/usr/bin/env bash
# report_chromium.sh REPORT.html [PNG]: opens a report written by
# au_report_write() in headless Chromium, as a reader's browser would.
#  - the DOM Chromium builds holds as many <svg elements as the file, and
#    the page's <title>;
#  - a screenshot (1200x4000; PNG, default /tmp/autonomy-report.png) is a
#    non-empty PNG.
# Skips (exit 0) when Chromium is absent; exits non-zero, saying why, on any
# failure.  Each Chromium run is limited to 60 s.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 REPORT.html [SCREENSHOT.png]" >&2
  exit 2
fi
report=$1
png=${2:-/tmp/autonomy-report.png}

chromium=""
for c in chromium chromium-browser; do
  if command -v "$c" >/dev/null 2>&1; then
    chromium=$(command -v "$c")
    break
  fi
done
if [ -z "$chromium" ]; then
  echo "skipped: chromium absent"
  exit 0
fi

if [ ! -s "$report" ]; then
  if ! command -v gnuplot >/dev/null 2>&1; then
    echo "skipped: no report at $report (gnuplot absent, so none was written)"
    exit 0
  fi
  echo "report_chromium: no report at $report (expected check_report to write it)" >&2
  exit 1
fi
abs=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync)

# what the file holds
want_svg=$( (grep -o '<svg' "$abs" || true) | wc -l)
want_title=$(sed -n 's:.*<title>\(Energy autonomy report[^<]*\)</title>.*:\1:p' "$abs" | head -n 1 || true)
if [ "$want_svg" -lt 5 ] || [ -z "$want_title" ]; then
  echo "report_chromium: $abs has $want_svg <svg and title '$want_title'" \
       "(expected 5 or more charts and an 'Energy autonomy report' title)" >&2
  exit 1
fi

# the DOM as Chromium parsed it
if ! timeout 60 "$chromium" "${flags[@]}" --user-data-dir="$(mktemp -d -p "$work")" \
       --dump-dom "file://$abs" >"$work/dom.html" 2>"$work/dom.err"; then
  echo "report_chromium: chromium --dump-dom failed or timed out:" >&2
  tail -n 5 "$work/dom.err" >&2
  exit 1
fi
got_svg=$( (grep -o '<svg' "$work/dom.html" || true) | wc -l)
if [ "$got_svg" -ne "$want_svg" ]; then
  echo "report_chromium: the DOM holds $got_svg <svg elements (expected $want_svg)" >&2
  exit 1
fi
if ! grep -qF "<title>$want_title</title>" "$work/dom.html"; then
  echo "report_chromium: the DOM lacks the title '$want_title'" >&2
  exit 1
fi

# a screenshot of the whole page
rm -f "$png"
if ! timeout 60 "$chromium" "${flags[@]}" --user-data-dir="$(mktemp -d -p "$work")" \
       --hide-scrollbars --window-size=1200,4000 --screenshot="$png" "file://$abs" \
       >"$work/shot.out" 2>&1; then
  echo "report_chromium: chromium --screenshot failed or timed out:" >&2
  tail -n 5 "$work/shot.out" >&2
  exit 1
fi
if [ ! -s "$png" ] || [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
  echo "report_chromium: no PNG screenshot at $png" >&2
  exit 1
fi
echo "report_chromium: $want_svg charts in the DOM, title '$want_title', screenshot $png" \
     "($(stat -c %s "$png") bytes)"
