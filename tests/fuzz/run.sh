#!/usr/bin/env bash
# run.sh: runs the fuzz targets of BUILD (configured with -DAUTONOMY_FUZZ=ON
# -DCMAKE_C_COMPILER=clang) for SECONDS each, in parallel (JOBS at a time,
# default 2), seeding each corpus from the shipped scenarios, the test
# fixtures, the tables of real runs (results/published/ and a short run) and,
# when present, ../shared/data.  Prints one line per target:
# runs, seconds, coverage, corpus size; exits 1 if any target found a crash,
# a hang (an input taking over 10 s), a leak or a sanitizer report (its
# input is kept in BUILD/fuzz-artifacts/).
#   tests/fuzz/run.sh BUILD SECONDS [TARGET...]
set -euo pipefail
build=$(cd "$1" && pwd)
seconds=$2
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
shared="$root/../shared/data"
jobs=${JOBS:-2}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scenario batch weather_epw weather_pvgis_csv weather_pvgis_epw weather_csv weather_years profile results)
corpus="$build/fuzz-corpus"
artifacts="$build/fuzz-artifacts"
mkdir -p "$corpus" "$artifacts"

seed() { # target dir
  local t=$1 d=$2
  mkdir -p "$d"
  [ -n "$(ls -A "$d")" ] && return 0
  case $t in
    scenario)
      cp "$root"/scenarios/amiens-baseline.xml "$root"/scenarios/amiens-roadmap.xml \
         "$root"/tests/data/*.xml "$root"/tests/data/engine/*.xml "$root"/tests/bad/*.xml "$d"/
      printf '<scenario name="v" extends="base.xml"><generation><pv name="p"><capacity><logistic from="0 MW" to="9 MW" midpoint="2030" steepness="0.3 /yr"/></capacity></pv></generation></scenario>\n' > "$d/variant.xml" ;;
    batch)
      cp "$root"/scenarios/amiens-default.xml "$root"/tests/bad/batch/*.xml "$d"/
      printf '<batch name="b"><scenario file="s.xml" include-base="true"><sweep name="pv" xpath="/scenario/generation/pv/capacity"><value>2 MW</value><value>3 MW</value></sweep><sweep name="t" xpath="/scenario/generation/pv/@tilt"><value>20 deg</value></sweep></scenario></batch>\n' > "$d/sweep.xml" ;;
    weather_epw)
      if [ -f "$shared/weather/BEL_VLG_Uccle.064470_TMYx.2007-2021.epw" ]; then
        head -c 150000 "$shared/weather/BEL_VLG_Uccle.064470_TMYx.2007-2021.epw" > "$d/uccle-head.epw"
        cp "$shared/weather/BEL_VLG_Uccle.064470_TMYx.2007-2021.epw" "$d/uccle.epw"
      fi ;;
    weather_pvgis_epw)
      [ -f "$shared/weather/pvgis_tmy_45.000_8.000_2005_2023.epw" ] &&
        cp "$shared/weather/pvgis_tmy_45.000_8.000_2005_2023.epw" "$d/pvgis.epw" ;;
    weather_pvgis_csv)
      [ -f "$shared/weather/pvgis_tmy_45.000_8.000_2005_2023.csv" ] && {
        cp "$shared/weather/pvgis_tmy_45.000_8.000_2005_2023.csv" "$d/pvgis.csv"
        head -c 20000 "$shared/weather/pvgis_tmy_45.000_8.000_2005_2023.csv" > "$d/pvgis-head.csv"; } ;;
    weather_csv)
      "$build/autonomy" weather --csv "$d/year.csv" >/dev/null 2>&1 ||
        printf 'ghi_w_m2,temp_c,wind10_m_s\n0,5,3\n' > "$d/tiny.csv" ;;
    weather_years)
      # two whole years, the first a leap year, and a short head of them
      awk 'BEGIN { print "time,ghi_w_m2,temp_c,wind10_m_s"
        split("31 29 31 30 31 30 31 31 30 31 30 31", md, " ")
        for (y = 2020; y <= 2021; y++) for (m = 1; m <= 12; m++) {
          n = md[m]; if (m == 2 && y == 2021) n = 28
          for (d = 1; d <= n; d++) for (h = 0; h < 24; h++)
            printf "%04d-%02d-%02dT%02d:00+01:00,%d,%.1f,3\n", y, m, d, h, (h > 9 && h < 15) * 200, m
        } }' > "$d/years.csv"
      head -c 3000 "$d/years.csv" > "$d/years-head.csv"
      # a PVGIS hourly series (horizontal plane, components), one year
      awk 'BEGIN { print "Latitude (decimal degrees):\t49.894"
        print "Longitude (decimal degrees):\t2.302"; print "Elevation (m):\t36.0"
        print "Radiation database:\tPVGIS-SARAH3"; print ""; print "Slope: 0 deg. "
        print "time,Gb(i),Gd(i),Gr(i),H_sun,T2m,WS10m,Int"
        split("31 28 31 30 31 30 31 31 30 31 30 31", md, " ")
        for (m = 1; m <= 12; m++) for (d = 1; d <= md[m]; d++) for (h = 0; h < 24; h++)
          printf "2019%02d%02d:%02d10,%d,%d,0.0,%d,%.2f,4.1,0.0\n", m, d, h,
                 (h > 9 && h < 15) * 100, (h > 9 && h < 15) * 50, (h > 9 && h < 15) * 30, m
        print ""; print "PVGIS (c) European Union, 2001-2024" }' > "$d/series.csv"
      head -c 3000 "$d/series.csv" > "$d/series-head.csv" ;;
    profile)
      awk 'BEGIN { print "value"; for (h = 0; h < 8760; h++) print (h % 24) / 10 }' > "$d/load.csv"
      awk 'BEGIN { for (h = 0; h < 8760; h++) print h "," h % 7 }' > "$d/hv.csv"
      # an Enedis load curve: preamble, Horodate;Valeur, half-hours ending at the stamps
      awk 'BEGIN { print "Identifiant PRM;Type de donnees;Date de debut;Date de fin;Unite;Pas en minutes"
        print "00000000000000;Courbe de charge;01/01/2022;01/01/2023;W;30"; print ""
        print "Horodate;Valeur"
        split("31 28 31 30 31 30 31 31 30 31 30 31", md, " ")
        for (m = 1; m <= 12; m++) for (d = 1; d <= md[m]; d++) for (h = 0; h < 24; h++) {
          printf "2022-%02d-%02dT%02d:30:00+01:00;%d\n", m, d, h, 500 + h * 10
          printf "2022-%02d-%02dT%02d:00:00+01:00;%d\n", m, d, (h + 1) % 24, 500 + h * 10 } }' \
        > "$d/enedis.csv"
      head -c 3000 "$d/enedis.csv" > "$d/enedis-head.csv" ;;
    results)
      # real tables: the published results when present, and a short run of
      # the baseline without samples (no probability columns) into a
      # temporary folder; each seed is summary-row.csv \f yearly.csv \f
      # summary.csv of one scenario, renamed s in the summary (the folder
      # the target reads), whole and cut to the first lines
      local runs=() tmp
      tmp=$(mktemp -d)
      for f in "$root"/results/published/*/summary.csv; do [ -f "$f" ] && runs+=("${f%/summary.csv}"); done
      if "$build/autonomy" run --samples 0 --quiet --out "$tmp/run" \
        "$root/scenarios/amiens-baseline.xml" >/dev/null 2>&1; then
        for f in "$tmp"/run/*/summary.csv; do runs+=("${f%/summary.csv}"); done
      fi
      local i=0 r s name
      for r in "${runs[@]}"; do
        for s in "$r"/*/summary-row.csv; do
          [ -f "$s" ] && [ -f "${s%/summary-row.csv}/yearly.csv" ] || continue
          name=$(awk -F, 'NR == 2 { print $1; exit }' "$s")
          awk -F, -v OFS=, -v n="$name" 'NR > 1 && $1 == n { $1 = "s" } { print }' "$r/summary.csv" \
            > "$tmp/summary.csv"
          { cat "$s"; printf '\f'; cat "${s%/summary-row.csv}/yearly.csv"; printf '\f'
            cat "$tmp/summary.csv"; } > "$d/tables-$i"
          { head -n 2 "$s"; printf '\f'; head -n 4 "${s%/summary-row.csv}/yearly.csv"; printf '\f'
            awk -F, 'NR == 1 || $1 == "s" || (NR == 2 && $1 != "s")' "$tmp/summary.csv"
          } > "$d/head-$i"
          i=$((i + 1))
        done
      done
      # and the first tables tampered, as a hand could: in the scenario's
      # tables, every value after the first column huge, NaN, infinite, hex
      # or empty (and a row of year 1e99); in the summary, numbers compare
      # accepts (finite decimals) but far out of range
      [ -f "$d/tables-0" ] && awk 'BEGIN { RS = "\f"
          n = split("1e99 nan -inf - -1e308 2.5e9 0x10 1e-400 -2147483649 2020.5", v, " ")
          m = split("1e99 -1e308 2.5e9 1e-400 -2147483649 1.7976931348623157e308", w, " ") }
        { k = split($0, line, "\n"); out = ""
          for (l = 1; l <= k; l++) {
            c = split(line[l], f, ",")
            if (l == 1) for (j = 1; j <= c; j++) h[j] = f[j]
            else if (line[l] != "") {
              for (j = 2; j <= c; j++)
                if (NR < 3) f[j] = v[(j + l + NR) % n + 1]
                else if (h[j] !~ /^(scenario|criterion|samples|last_year|autonomy_year.*)$/)
                  f[j] = w[(j + l) % m + 1]
              r = ""; for (j = 2; j <= c; j++) r = r "," (f[j] == "-" ? "" : f[j])
              line[l] = (NR == 2 && l == 3 ? "1e99" r "\n" : "") f[1] r }
            out = out (l > 1 ? "\n" : "") line[l] }
          printf "%s%s", out, (NR < 3 ? "\f" : "") }' "$d/tables-0" > "$d/tampered-0"
      rm -rf "$tmp" ;;
  esac
  [ -n "$(ls -A "$d")" ] || printf 'x\n' > "$d/empty-seed"
}

pids=()
for t in "${targets[@]}"; do
  exe="$build/tests/fuzz/fuzz_$t"
  [ -x "$exe" ] || { echo "run.sh: $exe not built (configure with -DAUTONOMY_FUZZ=ON)" >&2; exit 2; }
  seed "$t" "$corpus/$t"
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
  ( cd "$build" && "$exe" "$corpus/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=400000 -print_final_stats=1 -artifact_prefix="$artifacts/$t-" \
      > "$build/fuzz-$t.log" 2>&1; echo $? > "$build/fuzz-$t.status" ) &
  pids+=($!)
done
wait
fail=0
for t in "${targets[@]}"; do
  st=$(cat "$build/fuzz-$t.status")
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/fuzz-$t.log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$build/fuzz-$t.log" | tail -1 | grep -o '[0-9]*' || echo "?")
  n=$(ls "$corpus/$t" | wc -l)
  printf '%-20s exit %s, %s runs in %s s, coverage %s edges, corpus %s inputs\n' "$t" "$st" "$runs" "$seconds" "$cov" "$n"
  [ "$st" = 0 ] || { fail=1; grep -m5 -E 'ERROR|SUMMARY|Test unit written' "$build/fuzz-$t.log" || true; }
done
exit $fail
