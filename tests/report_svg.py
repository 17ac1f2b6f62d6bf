#!/usr/bin/env python3
"""report_svg.py REPORT.html [MIN_CHARTS]: the structure of the charts of a
report written by `autonomy run` (sim/tables/report.c), as gnuplot's SVG
terminal draws them:

  - every chart has a plot area (its left and bottom border, one path
    M x0,y0 L x0,y1 L x2,y1) and a title;
  - no legend entry lies inside the plot area: each entry's text is below
    the bottom border or right of the right end;
  - axis labels: a vertical label with its unit in parentheses ("policy" on
    the chart that lists policies), and a horizontal label below the axis;
  - one colour per policy: the legend entries that name a policy (the
    policies of the page's "In short" list) have distinct colours, and the
    variants of a sweep share their policy's;
  - texts never overlap: tick labels, legend entries, axis labels and title,
    their boxes estimated from gnuplot's font (11 px, 0.6 em a character).

Exits 1 naming the chart and what is wrong; prints a line per chart."""
import html
import re
import sys

CHAR_W, LINE_H = 6.0, 11.0  # gnuplot's sans 11 in its SVG: what a text takes


def fail(msg):
    print("report_svg: " + msg, file=sys.stderr)
    sys.exit(1)


def texts(svg):
    """(x, y, anchor, rotated, text) of each text of the chart."""
    out = []
    for m in re.finditer(r'<g transform="translate\(([-\d.]+),([-\d.]+)\)( rotate\((-?\d+)\))?"'
                         r'[^>]*text-anchor="(\w+)"[^>]*>\s*<text>(.*?)</text>', svg, re.S):
        t = html.unescape(re.sub(r'<[^>]+>', '', m.group(6)))
        out.append((float(m.group(1)), float(m.group(2)), m.group(5), m.group(3) is not None, t))
    return out


def box(x, y, anchor, rotated, t):
    """The box (x0, y0, x1, y1) a text takes: y is its baseline."""
    w = CHAR_W * len(t)
    if rotated:  # a y label: vertical, centred
        return (x - LINE_H, y - w / 2, x, y + w / 2)
    x0 = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
    return (x0, y - LINE_H * 0.8, x0 + w, y + LINE_H * 0.2)


def overlap(a, b):
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


def entries(svg):
    """(title, x, y, colour) of each legend entry: a plot group with a title
    of its own, its text and its sample's colour."""
    out = []
    parts = re.split(r'<g id="[^"]*gnuplot_plot_\d+" >', svg)[1:]
    for p in parts:
        m = re.match(r'<title>(.*?)</title>', p)
        if m is None or re.fullmatch(r'gnuplot_plot_\d+', m.group(1)):
            continue
        title = html.unescape(m.group(1))
        pos = re.search(r'translate\(([-\d.]+),([-\d.]+)\)[^>]*>\s*<text>', p)
        col = re.search(r"(?:stroke|fill) ?= ?'(rgb\([^)]*\))'", p)
        if pos is None:
            continue
        out.append((title, float(pos.group(1)), float(pos.group(2)),
                    re.sub(r'\s', '', col.group(1)) if col else None))
    return out


def check_chart(k, svg, policies):
    name = re.search(r'<title>(.*?)</title>', svg)
    name = html.unescape(name.group(1)) if name else "chart %d" % k
    where = "chart %d (%s)" % (k, name)
    b = re.search(r"M([\d.]+),([\d.]+) L\1,([\d.]+) L([\d.]+),\3", svg)
    if b is None:
        fail(where + ": no plot area (expected its left and bottom border)")
    x0, y0, y1, x2 = float(b.group(1)), float(b.group(2)), float(b.group(3)), float(b.group(4))
    ts = texts(svg)
    es = entries(svg)
    # the legend outside the plot
    for title, x, y, _ in es:
        if x0 <= x <= x2 and y0 <= y <= y1:
            fail("%s: the legend entry '%s' at (%.0f, %.0f) is inside the plot area "
                 "(%.0f-%.0f, %.0f-%.0f)" % (where, title, x, y, x0, x2, y0, y1))
    # axis labels
    ylab = [t for t in ts if t[3]]
    if not ylab or not all(t[4] == "policy" or re.search(r'\(.+\)', t[4]) for t in ylab):
        fail("%s: y label %s (expected one, with its unit in parentheses)"
             % (where, [t[4] for t in ylab]))
    keys = {e[0] for e in es}
    xlab = [t for t in ts if not t[3] and t[1] > y1 + 20 and t[4] not in keys
            and re.search(r'[a-z]{4}', t[4])]
    if not xlab:
        fail(where + ": no x label below the axis")
    # one colour per policy; a sweep's variants in their policy's
    seen = {}
    for title, _, _, col in es:
        m = re.match(r'(\d+ variants? of )?(.+?)(:| \(| *$)', title)
        pol = m.group(2) if m else None
        if pol not in policies or col is None:
            continue
        if m.group(1):  # variants: their policy's colour
            if pol in seen and seen[pol] != col:
                fail("%s: the variants of %s in %s, the policy in %s" % (where, pol, col,
                                                                        seen[pol]))
            continue
        for other, c in seen.items():
            if c == col and other != pol:
                fail("%s: %s and %s share the colour %s" % (where, pol, other, col))
        seen[pol] = col
    # no text over another
    bs = [(box(*t), t[4]) for t in ts if t[4].strip()]
    for i in range(len(bs)):
        for j in range(i):
            if overlap(bs[i][0], bs[j][0]):
                fail("%s: the texts '%s' and '%s' overlap" % (where, bs[i][1], bs[j][1]))
    return "%s: %d legend entries outside the plot, %d policies coloured, %d texts apart" % (
        where, len(es), len(seen), len(bs))


def main():
    if len(sys.argv) not in (2, 3):
        fail("usage: report_svg.py REPORT.html [MIN_CHARTS]")
    page = open(sys.argv[1], encoding="utf-8").read()
    svgs = re.findall(r'<svg.*?</svg>', page, re.S)
    want = int(sys.argv[2]) if len(sys.argv) == 3 else 1
    if len(svgs) < want:
        fail("%d charts in %s (expected at least %d)" % (len(svgs), sys.argv[1], want))
    short = re.search(r'<ul class="headline">(.*?)</ul>', page, re.S)
    if short is None:
        fail("no headline list (expected <ul class=\"headline\">, a sentence per policy)")
    policies = {html.unescape(n) for n in
                re.findall(r'<li><strong>(.*?)</strong>: ', short.group(1))}
    if not policies:
        fail("no policy in the headline list")
    for k, svg in enumerate(svgs, 1):
        print(check_chart(k, svg, policies))
    print("report_svg: %d charts, %d policies: %s" % (len(svgs), len(policies),
                                                     ", ".join(sorted(policies))))


if __name__ == "__main__":
    main()
