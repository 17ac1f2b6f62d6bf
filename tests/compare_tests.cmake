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
# differences are empty, wind's are taken from it (2030 balance 0.75 - 0.25)
# but for its autonomy year, whose criterion (hourly autonomy >= 0.75) is not
# baseline's (annual balance >= 1): no difference; the CSV carries each
# scenario's summary, criterion, threshold and share of weather years, and
# the thresholds of the years by indicator.
au_cli(compare_default_reference EXIT 0 CMD compare ${CMP_ALL} --format csv
       STDOUT_MATCH "\n\"wind, big\",tests/data/compare/a/summary\\.csv,hourly-autonomy/all-energy,0\\.75,0\\.9,2038,,,,1,2036,,0\\.9,,,0\\.75,0\\.5,")
au_cli(compare_default_reference_own EXIT 0 CMD compare ${CMP_ALL} --format csv
       STDOUT_MATCH "\nbaseline,tests/data/compare/a/summary\\.csv,annual-balance/all-energy,1,0\\.9,,,,,1,,,0\\.9,,,0\\.25,,0\\.375,,")
au_cli(compare_default_reference_md EXIT 0 CMD compare ${CMP_ALL}
       STDOUT_MATCH "^Autonomy compared: 5 scenarios, differences from baseline\n\n\\| scenario ")
# --reference: an autonomy year compared only with the same criterion and
# threshold (wind's none; district-heat's "same", and -1 year in 90 % of
# weather years), numbers signed, in brackets.
au_cli(compare_reference EXIT 0 CMD compare ${CMP_ALL} --reference roadmap
       STDOUT_MATCH "\n\\| wind, big +\\| hourly autonomy ≥ 0\\.75 +\\| +2038 \\|[^\n]*\\| +900\\.0 \\(-100\\.0\\) \\|[^\n]*\n\\| district-heat +\\| annual balance ≥ 1 +\\| +2042 \\(same\\) \\| +2044 \\(-1 year\\) \\|[^\n]*\n\\| roadmap +\\| annual balance ≥ 1 +\\| +2042 \\| +2045 \\|")
# --columns: the view; the CSV keeps every column
au_cli(compare_columns EXIT 0 CMD compare ${CMP}/econ --reference reference
       --columns autonomy_year,npc_meur,meur_per_year_gained
       STDOUT_MATCH "\n\\| scenario +\\| criterion +\\| +autonomy year \\| +net present cost \\| +M€ per year of autonomy gained \\|\n[^\n]*\n\\| faster +\\| annual balance ≥ 1 \\| 2040 \\(-5 years\\) \\| +150\\.00 \\(\\+50\\.00\\) \\| +10\\.00 \\|\n")
au_cli(compare_bad_column EXIT 2 CMD compare ${CMP}/econ --columns autonomy_year,colour
       STDOUT_EMPTY STDERR_MATCH "--columns: 'colour' is not a column \\(expected all, or names among autonomy_year,")
# The years by indicator at one stated threshold: a summary without its
# yearly tables gives them only where the run took them at that threshold
# ('?' otherwise)
au_cli(compare_threshold_unknown EXIT 0 CMD compare ${CMP}/a --hourly-threshold 0.75
       STDOUT_MATCH "\n\\| wind, big +\\| hourly autonomy ≥ 0\\.75 +\\| +2038 \\|[^\n]*\\| +2036 \\| +2038 \\|[^\n]*\n\\| roadmap +\\|[^\n]*\\| +2042 \\| +\\? \\|")
# Costs and CO2 only when a scenario has them.
au_cli(compare_no_costs EXIT 0 CMD compare ${CMP}/a --format csv
       STDOUT_MATCH "d_curtailment_gwh\n")

# Errors: exit status 2, one line on stderr, nothing on stdout.
au_cli(compare_no_input EXIT 2 CMD compare STDOUT_EMPTY
       STDERR_MATCH "^autonomy compare: no input given \\(expected [^\n]*\\)\n$")
au_cli(compare_missing_folder EXIT 2 CMD compare ${CMP}/a ${CMP}/no-such-run STDOUT_EMPTY
       STDERR_MATCH "^tests/data/compare/no-such-run:0: error: cannot open it: [^\n]*\\(expected a results folder or a summary\\.csv file\\)\n$")
au_cli(compare_folder_without_summary EXIT 2 CMD compare tests/data/engine STDOUT_EMPTY
       STDERR_MATCH "^tests/data/engine/summary\\.csv:0: error: cannot open the file: [^\n]*\\(expected [^\n]*\\)\n$")
# a folder of results folders (loose scenarios and batches each have one):
# the error names them
au_cli(compare_folder_of_folders EXIT 2 CMD compare ${CMP} STDOUT_EMPTY
       STDERR_MATCH "^tests/data/compare:0: error: no summary\\.csv here, but 4 results folders that have one \\(expected one or several of them: autonomy compare tests/data/compare/a tests/data/compare/b tests/data/compare/dup \\.\\.\\.\\)\n$")
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
# The years by indicator from the scenarios' yearly tables, at stated
# thresholds, against the same tables read by awk
add_test(NAME cli_compare_thresholds
         COMMAND ${CMAKE_COMMAND} -DAUTONOMY=$<TARGET_FILE:autonomy>
                 -DRESULTS=${PROJECT_SOURCE_DIR}/results/published/amiens-default
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/compare_thresholds.cmake)
set_tests_properties(cli_compare_thresholds PROPERTIES LABELS integration TIMEOUT 60)
# The exports of the last year are a column of the default view
au_cli(compare_exports EXIT 0 CMD compare results/published/amiens-default
       STDOUT_MATCH "\| +imports \| +exports \|")

# One name in two inputs: told apart by their folders; the reference by
# folder/name, and a bare name that two scenarios share refused
au_cli(compare_same_name_twice EXIT 0 CMD compare ${CMP}/a ${CMP}/dup --reference a/roadmap
       STDOUT_MATCH "differences from a/roadmap\n[^\n]*\n[^\n]*\n[^\n]*\n[^\n]*\n\\| dup/roadmap +\\| annual balance +\\| +2040 \\|[^\n]*\n[^\n]*\n\\| a/roadmap +\\|")
au_cli(compare_ambiguous_reference EXIT 2 CMD compare ${CMP}/a ${CMP}/dup --reference roadmap
       STDOUT_EMPTY STDERR_MATCH "--reference 'roadmap' is the name of several scenarios \\(expected one of [^\n]*'a/roadmap'[^\n]*'dup/roadmap'")
au_cli(compare_same_name_in_one EXIT 2 CMD compare ${CMP}/dup-in-one.csv STDOUT_EMPTY
       STDERR_MATCH "^tests/data/compare/dup-in-one\\.csv:3: error: scenario 'roadmap' is also at line 2 \\(expected each scenario once in a summary\\)\n$")
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
       STDOUT_MATCH ",npc_meur,d_npc_meur,co2_total_t,d_co2_total_t,jobs_per_year,d_jobs_per_year,eur_per_t_co2_avoided,meur_per_year_gained\nfaster,[^\n]*,2040,-5,[^\n]*,150,50,800,-200,55\\.5,35\\.5,250000,10\nreference,[^\n]*,2045,,[^\n]*,100,,1000,,20,,,\ndearer,[^\n]*,200,100,1200,200,30,10,,\n$")
au_cli(compare_economics_md EXIT 0 CMD compare ${CMP}/econ --reference reference --columns all
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
