#!/usr/bin/env python3
"""csv_readable.py FILE...: every CSV the program writes reads as is with
Python's csv module, as a spreadsheet would: the column line first, no
comment lines, as many fields on every row as in the column line, no empty
column name, and a `time` column (where there is one) in ISO 8601 that
datetime.fromisoformat reads with its zone.  Exit 1 with the first problem
of each file."""
import csv
import datetime
import sys

bad = 0
for path in sys.argv[1:]:
    with open(path, newline="", encoding="utf-8") as f:
        text = f.read()
    lines = text.splitlines()
    problem = None
    if not lines:
        problem = "empty"
    elif any(line.startswith("#") for line in lines):
        n = next(i for i, line in enumerate(lines) if line.startswith("#"))
        problem = f"line {n + 1} is a comment: {lines[n][:60]!r}"
    else:
        rows = list(csv.reader(lines))
        head = rows[0]
        if any(not name.strip() for name in head):
            problem = f"an empty column name in {head!r}"
        for i, row in enumerate(rows[1:], start=2):
            if problem:
                break
            if len(row) != len(head):
                problem = f"line {i} has {len(row)} fields, the column line {len(head)}"
        if not problem and "time" in head:
            k = head.index("time")
            for i, row in enumerate(rows[1:], start=2):
                try:
                    t = datetime.datetime.fromisoformat(row[k])
                except ValueError:
                    problem = f"line {i}: time {row[k]!r} is not ISO 8601"
                    break
                if t.tzinfo is None:
                    problem = f"line {i}: time {row[k]!r} has no zone"
                    break
        if not problem:
            list(csv.DictReader(lines))
    if problem:
        print(f"{path}: {problem}", file=sys.stderr)
        bad = 1
    else:
        print(f"{path}: {len(lines) - 1} rows, readable")
sys.exit(bad)
