# compare_tests.cmake: `autonomy compare`, included from tests/CMakeLists.txt
# after au_cli is defined.  Fixtures in data/compare/ (its README says what
# each holds): a/ (full summary.csv as `autonomy run` writes it), b/ (a
# reordered subset of the columns, CRLF line ends, costs), and one bad file
# per error.

set(CMP tests/data/compare)
set(CMP_ALL ${CMP}/a ${CMP}/b/summary.csv)

# au_compare_golden(NAME EXPECTED [OUT_FILE path] CMD args...): the output of
# `autonomy args...` (or the file it writes at OUT_FILE) must be
# data/compare/EXPECTED, byte for byte.
function(au_compare_golden name expected)
  cmake_parse_arguments(G "" "OUT_FILE" "CMD" ${ARGN})
  string(JOIN "|" cmd "$<TARGET_FILE:autonomy>" ${G_CMD})
  set(extra "")
  if(DEFINED G_OUT_FILE)
    list(APPEND extra "-DOUT_FILE=${G_OUT_FILE}")
  endif()
  add_test(NAME cli_compare_${name}
           COMMAND ${CMAKE_COMMAND} "-DCMD=${cmd}"
                   -DEXPECTED=${CMAKE_CURRENT_SOURCE_DIR}/data/compare/${expected}
                   -DACTUAL=${CMAKE_CURRENT_BINARY_DIR}/compare-${name}.actual ${extra}
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/compare_golden.cmake
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(cli_compare_${name} PROPERTIES LABELS integration TIMEOUT 60)
endfunction()

au_cli(compare_help EXIT 0 CMD compare --help STDOUT_MATCH "Usage: autonomy compare.*Examples:")
au_cli(help_compare EXIT 0 CMD help compare STDOUT_MATCH "Usage: autonomy compare")

# Each format against its golden file; the options after the inputs.
foreach(format md csv html)
  au_compare_golden(golden_${format} expected.${format}
                    CMD compare ${CMP_ALL} --reference district-heat --format ${format})
endforeach()
# md is the default; --out writes the same bytes to a file, nothing to stdout.
au_compare_golden(golden_default_format expected.md
                  CMD compare --reference district-heat ${CMP_ALL})
au_compare_golden(out_file expected.md OUT_FILE ${CMAKE_CURRENT_BINARY_DIR}/compare-out.md
                  CMD compare ${CMP_ALL} --reference district-heat
                      --out ${CMAKE_CURRENT_BINARY_DIR}/compare-out.md)

# Sorting: earliest autonomy year first (wind 2038); a tie (2042) by name
# (district-heat before roadmap, though read after it); then not reached, the
# highest last-year value of its own criterion's indicator first (storage's
# hourly autonomy (el.) 0.875 before baseline's annual balance 0.5).
au_cli(compare_sorting EXIT 0 CMD compare ${CMP_ALL} --format csv
       STDOUT_MATCH "^scenario,[^\n]*\n\"wind, big\",[^\n]*\ndistrict-heat,[^\n]*\nroadmap,[^\n]*\n\"storage \"\"rich\"\"\",[^\n]*\nbaseline,[^\n]*\n$")
# The default reference is the first scenario read (baseline): its own
# differences are empty, wind's are taken from it (2030 balance 0.75 - 0.25).
au_cli(compare_default_reference EXIT 0 CMD compare ${CMP_ALL} --format csv
       STDOUT_MATCH "\n\"wind, big\",2038,,,,2036,,2038,,0\\.75,0\\.5,.*\nbaseline,,,,,,,,,0\\.25,,0\\.375,,")
au_cli(compare_default_reference_md EXIT 0 CMD compare ${CMP_ALL}
       STDOUT_MATCH "^Autonomy compared: 5 scenarios, Δ from baseline\n\n\\| scenario ")
# --reference: years as signed differences in years, numbers signed.
au_cli(compare_reference EXIT 0 CMD compare ${CMP_ALL} --reference roadmap
       STDOUT_MATCH "\n\\| wind, big +\\| +2038 \\| +-4 years \\|[^\n]*\n\\| district-heat +\\| +2042 \\| +0 years \\| +2044 \\| +-1 year \\|[^\n]*\n\\| roadmap +\\| +2042 \\| +— \\|")
# Costs and CO2 only when a scenario has them.
au_cli(compare_no_costs EXIT 0 CMD compare ${CMP}/a --format csv
       STDOUT_MATCH "d_curtailment_gwh\n")

# Errors: exit status 2, one line on stderr, nothing on stdout.
au_cli(compare_no_input EXIT 2 CMD compare STDOUT_EMPTY
       STDERR_MATCH "^autonomy compare: no input given \\(expected [^\n]*\\)\n$")
au_cli(compare_missing_folder EXIT 2 CMD compare ${CMP}/a ${CMP}/no-such-run STDOUT_EMPTY
       STDERR_MATCH "^tests/data/compare/no-such-run:0: error: cannot open it: [^\n]*\\(expected a results folder or a summary\\.csv file\\)\n$")
au_cli(compare_folder_without_summary EXIT 2 CMD compare ${CMP} STDOUT_EMPTY
       STDERR_MATCH "^tests/data/compare/summary\\.csv:0: error: cannot open the file: [^\n]*\\(expected [^\n]*\\)\n$")
au_cli(compare_not_a_summary EXIT 2 CMD compare ${CMP}/not-summary.csv STDOUT_EMPTY
       STDERR_MATCH "^tests/data/compare/not-summary\\.csv:1: error: not a summary table: no columns 'scenario', 'autonomy_year', [^\n]*\\(expected [^\n]*\\)\n$")
au_cli(compare_no_autonomy_year EXIT 2 CMD compare ${CMP}/no-autonomy-year.csv STDOUT_EMPTY
       STDERR_MATCH "^tests/data/compare/no-autonomy-year\\.csv:1: error: not a summary table: no column 'autonomy_year' \\(expected [^\n]*\\)\n$")
au_cli(compare_empty_file EXIT 2 CMD compare ${CMP}/empty.csv STDOUT_EMPTY
       STDERR_MATCH "^tests/data/compare/empty\\.csv:1: error: the file is empty \\(expected [^\n]*\\)\n$")
au_cli(compare_wrong_field_count EXIT 2 CMD compare ${CMP}/bad-fields.csv STDOUT_EMPTY
       STDERR_MATCH "^tests/data/compare/bad-fields\\.csv:3: error: 23 fields \\(expected 24, as in the header\\)\n$")
au_cli(compare_not_a_number EXIT 2 CMD compare ${CMP}/bad-number.csv STDOUT_EMPTY
       STDERR_MATCH "^tests/data/compare/bad-number\\.csv:2: error: column 'final_energy_gwh' holds '3 000' \\(expected a number, or empty for none\\)\n$")
au_cli(compare_not_a_year EXIT 2 CMD compare ${CMP}/bad-year.csv STDOUT_EMPTY
       STDERR_MATCH "^tests/data/compare/bad-year\\.csv:2: error: column 'autonomy_year' holds 'around 2042' \\(expected a year [^\n]*\\)\n$")
au_cli(compare_unclosed_quote EXIT 2 CMD compare ${CMP}/bad-quote.csv STDOUT_EMPTY
       STDERR_MATCH "^tests/data/compare/bad-quote\\.csv:3: error: a quoted field is not closed \\(expected [^\n]*\\)\n$")
au_cli(compare_same_name_twice EXIT 2 CMD compare ${CMP}/a ${CMP}/dup STDOUT_EMPTY
       STDERR_MATCH "^tests/data/compare/dup/summary\\.csv:3: error: scenario 'roadmap' is also in tests/data/compare/a/summary\\.csv:3 \\(expected [^\n]*\\)\n$")
au_cli(compare_same_input_twice EXIT 2 CMD compare ${CMP}/a ${CMP}/a/summary.csv STDOUT_EMPTY
       STDERR_MATCH "^tests/data/compare/a/summary\\.csv:0: error: the same summary as tests/data/compare/a/summary\\.csv")
au_cli(compare_unknown_reference EXIT 2 CMD compare ${CMP_ALL} --reference nobody STDOUT_EMPTY
       STDERR_MATCH "^autonomy compare: --reference 'nobody' is not a scenario of the inputs \\(expected one of 'baseline', 'roadmap', 'wind, big', 'district-heat', 'storage \"rich\"'\\)\n$")
au_cli(compare_unknown_format EXIT 2 CMD compare ${CMP_ALL} --format pdf STDOUT_EMPTY
       STDERR_MATCH "^autonomy compare: --format 'pdf' \\(expected md, csv or html\\)\n$")
au_cli(compare_unknown_option EXIT 2 CMD compare --frobnicate ${CMP}/a STDOUT_EMPTY
       STDERR_MATCH "Try 'autonomy compare --help'")
# Every bad input is named, each on its line, in the order given.
au_cli(compare_every_bad_input EXIT 2
       CMD compare ${CMP}/bad-year.csv ${CMP}/a ${CMP}/no-such-run STDOUT_EMPTY
       STDERR_MATCH "^tests/data/compare/bad-year\\.csv:2: error: [^\n]*\ntests/data/compare/no-such-run:0: error: cannot open it: [^\n]*\n$")
# An output that cannot be written: exit status 1, nothing left behind.
au_cli(compare_unwritable EXIT 1 CMD compare ${CMP}/a --out /proc/autonomy-cannot-write/x.md
       STDOUT_EMPTY STDERR_MATCH "^autonomy compare: cannot write /proc/autonomy-cannot-write/x\\.md: ")

# The pathway's economics (econ/summary.csv, by hand): against 'reference'
# (NPC 100 M€, 1000 t, 2045), 'faster' costs 50 M€ more, avoids 200 t and
# reaches autonomy 5 years earlier: 50e6 / 200 = 250,000 €/t, 50 / 5 = 10 M€
# a year gained; 'dearer' emits more and never reaches it: neither ratio.
au_cli(compare_economics EXIT 0 CMD compare ${CMP}/econ --reference reference --format csv
       STDOUT_MATCH ",npc_meur,d_npc_meur,co2_total_t,d_co2_total_t,jobs_per_year,d_jobs_per_year,eur_per_t_co2_avoided,meur_per_year_gained\nfaster,2040,[^\n]*,150,50,800,-200,55\\.5,35\\.5,250000,10\nreference,2045,[^\n]*,100,,1000,,20,,,\ndearer,,[^\n]*,200,100,1200,200,30,10,,\n$")
au_cli(compare_economics_md EXIT 0 CMD compare ${CMP}/econ --reference reference
       STDOUT_MATCH "per t CO₂ avoided \\| M€ per year of autonomy gained \\|\n[^\n]*\n\\| faster [^\n]*\\| +250000 \\| +10\\.00 \\|\n")
# --sort: by net present cost (lowest first), CO2 (lowest first), jobs (most first)
au_cli(compare_sort_cost EXIT 0 CMD compare ${CMP}/econ --sort cost --format csv
       STDOUT_MATCH "^scenario,[^\n]*\nreference,[^\n]*\nfaster,[^\n]*\ndearer,")
au_cli(compare_sort_co2 EXIT 0 CMD compare ${CMP}/econ --sort co2 --format csv
       STDOUT_MATCH "^scenario,[^\n]*\nfaster,[^\n]*\nreference,[^\n]*\ndearer,")
au_cli(compare_sort_jobs EXIT 0 CMD compare ${CMP}/econ --sort jobs --format csv
       STDOUT_MATCH "^scenario,[^\n]*\nfaster,[^\n]*\ndearer,[^\n]*\nreference,")
au_cli(compare_bad_sort EXIT 2 CMD compare ${CMP}/econ --sort price STDOUT_EMPTY
       STDERR_MATCH "--sort 'price' \\(expected year, cost, co2 or jobs\\)")
