#!/usr/bin/python3
"""The electricity-only dispatch in a plain Python loop: the baseline of issue 12.

Reads the hourly series `autonomy bench --dump-series FILE` writes (the typical
year 2050 of scenarios/bench-electricity.xml: demand, PV and wind in MW, the
battery and the grid limits), runs the same dispatch as the engine hour by hour
(MODEL.md section 5: self-discharge, then a surplus charges the battery and is
exported up to the limit, the rest curtailed; a deficit discharges the battery
and is imported up to the limit, the rest unserved), checks its yearly totals
against the engine's, and prints hour-steps per second (one hour of one year,
one core), repeating the year for at least --seconds.

Usage: python3 bench/python_dispatch.py [--seconds S] FILE
Needs only Debian's python3 and python3-numpy (numpy reads the file).
"""
import argparse
import sys
import time

import numpy as np


def read_series(path):
    """The parameters (# key=value lines) and the hourly columns of FILE."""
    params, rows = {}, []
    with open(path) as f:
        for line in f:
            if line.startswith("#"):
                if "=" in line:
                    key, value = line[1:].strip().split("=", 1)
                    params[key] = float(value)
            elif not line.startswith("hour"):
                rows.append(line)
    data = np.loadtxt(rows, delimiter=",", usecols=(1, 2, 3), ndmin=2)
    return params, data[:, 0].tolist(), data[:, 1].tolist(), data[:, 2].tolist()


def dispatch(p, demand, pv, wind):
    """One year, hour by hour, as a planner writes it; returns the totals."""
    lo, hi, soc = p["soc_min_mwh"], p["soc_max_mwh"], p["soc_initial_mwh"]
    power, eta_in, eta_out = p["battery_mw"], p["eta_charge"], p["eta_discharge"]
    leak, imp_lim, exp_lim = p["self_discharge_per_h"], p["import_limit_mw"], p["export_limit_mw"]
    imp = exp = curt = unserved = discharged = 0.0
    for h in range(len(demand)):
        loss = soc * leak
        above = soc - lo
        soc -= loss if loss < above else (above if above > 0 else 0.0)
        load = demand[h] - (pv[h] + wind[h])
        if load < 0:
            sur = -load
            room = (hi - soc) / eta_in
            c = min(sur, power, room if room > 0 else 0.0)
            soc += c * eta_in
            sur -= c
            x = min(sur, exp_lim)
            exp += x
            curt += sur - x
        elif load > 0:
            avail = (soc - lo) * eta_out
            g = min(load, power, avail if avail > 0 else 0.0)
            soc -= g / eta_out
            discharged += g
            deficit = load - g
            i = min(deficit if deficit > 0 else 0.0, imp_lim)
            imp += i
            unserved += deficit - i if deficit > i else 0.0
    return {"import": imp, "export": exp, "curtailment": curt, "unserved": unserved,
            "battery_discharge": discharged}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", help="the series written by autonomy bench --dump-series FILE")
    ap.add_argument("--seconds", type=float, default=1.0, help="least time measured (1)")
    a = ap.parse_args()
    p, demand, pv, wind = read_series(a.file)
    totals = dispatch(p, demand, pv, wind)
    bad = 0
    for key, value in totals.items():
        ref = p["engine_%s_mwh" % key]
        if abs(value - ref) > 1e-9 * max(1.0, abs(ref)):
            print("python_dispatch: %s %.9g MWh, the engine's %.9g" % (key, value, ref),
                  file=sys.stderr)
            bad = 1
    passes, t0 = 0, time.perf_counter()
    while True:
        dispatch(p, demand, pv, wind)
        passes += 1
        elapsed = time.perf_counter() - t0
        if elapsed >= a.seconds:
            break
    rate = passes * len(demand) / elapsed
    print("python loop: %d years in %.3f s, %.3g hour-steps/s; totals %s the engine's"
          % (passes, elapsed, rate, "equal to" if not bad else "DIFFERENT from"))
    print("bench.python.electricity.hour_steps_per_s=%.6g" % rate)
    print("bench.python.totals_match=%d" % (1 - bad))
    return bad


if __name__ == "__main__":
    sys.exit(main())
