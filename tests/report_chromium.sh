#!/usr/bin/env bash
# report_chromium.sh REPORT.html [PNG]: opens a report written by
# au_report_write() in headless Chromium, as a reader's browser would.
#  - the DOM Chromium builds holds as many <svg elements as the file, and
#    the page's <title>;
#  - at 1,400 and at 800 px wide, nothing is wider than the window (laid
#    out by Chromium: the page in a frame of that width, every chart, table,
#    figure, paragraph and list item measured by a script of the test's);
#  - a screenshot at each width (PNG, default /tmp/autonomy-report.png:
#    /tmp/autonomy-report-1400.png and -800.png) is a non-empty PNG; their
#    paths are printed.
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

# at each width: nothing wider than the window, and a screenshot
shots=""
for width in 1400 800; do
  cat >"$work/frame-$width.html" <<EOF
<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="file://$abs" style="width:${width}px;height:900px;border:0"></iframe>
<pre id="out">not laid out</pre>
<script>
document.getElementById('f').onload = function () {
  var d = this.contentDocument, w = d.documentElement.clientWidth, wide = [];
  d.querySelectorAll('svg, table, figure, p, li, h1, h2').forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.right > w + 1) wide.push(e.tagName + ' to ' + Math.round(r.right) + ' px');
  });
  document.getElementById('out').textContent = 'width ' + w + ', scroll ' +
    d.documentElement.scrollWidth + ', too wide: ' + wide.length + ' ' + wide.slice(0, 3).join('; ');
};
</script></body></html>
EOF
  if ! timeout 60 "$chromium" "${flags[@]}" --user-data-dir="$(mktemp -d -p "$work")" \
         --allow-file-access-from-files --virtual-time-budget=10000 \
         --dump-dom "file://$work/frame-$width.html" >"$work/frame-$width.dom" 2>/dev/null; then
    echo "report_chromium: chromium could not lay the page out at $width px" >&2
    exit 1
  fi
  laid=$(sed -n 's:.*<pre id="out">\([^<]*\)</pre>.*:\1:p' "$work/frame-$width.dom")
  case "$laid" in
    *"too wide: 0 "*) ;;
    *) echo "report_chromium: at $width px: '$laid' (expected nothing wider than the window)" >&2
       exit 1 ;;
  esac
  shot=${png%.png}-$width.png
  rm -f "$shot"
  if ! timeout 60 "$chromium" "${flags[@]}" --user-data-dir="$(mktemp -d -p "$work")" \
         --hide-scrollbars --window-size=$width,6000 --screenshot="$shot" "file://$abs" \
         >"$work/shot.out" 2>&1; then
    echo "report_chromium: chromium --screenshot failed or timed out:" >&2
    tail -n 5 "$work/shot.out" >&2
    exit 1
  fi
  if [ ! -s "$shot" ] || [ "$(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
    echo "report_chromium: no PNG screenshot at $shot" >&2
    exit 1
  fi
  shots="$shots $shot ($width px: $laid; $(stat -c %s "$shot") bytes)"
done
echo "report_chromium: $want_svg charts in the DOM, title '$want_title'; screenshots:$shots"
