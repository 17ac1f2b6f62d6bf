# manpage.cmake: writes the manual page autonomy.1 from the program's own
# help texts (`autonomy --help`, `autonomy help COMMAND`), so that the page
# and --help never disagree.  No date is written: the same program gives the
# same page.
#   cmake -DAUTONOMY=path -DVERSION=x.y.z -DOUT=autonomy.1 -P manpage.cmake

# Roff-safe text: backslashes escaped, lines starting with '.' or ''' kept
# as text.
function(roff_text in out)
  string(REPLACE "\\" "\\e" t "${in}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" t "${t}")
  set(${out} "${t}" PARENT_SCOPE)
endfunction()

function(help_of out)
  execute_process(COMMAND "${AUTONOMY}" ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE text
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "autonomy ${ARGN}: exit ${rc}\n${err}")
  endif()
  roff_text("${text}" text)
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

help_of(main --help)
set(page ".TH AUTONOMY 1 \"\" \"autonomy ${VERSION}\" \"User Commands\"
.SH NAME
autonomy \\- the year a city becomes energy-autonomous, policy by policy
.SH SYNOPSIS
.B autonomy
.I command
[\\fIoptions\\fR] [\\fIfile\\fR ...]
.SH DESCRIPTION
The text of \\fBautonomy --help\\fR, then of \\fBautonomy help\\fR \\fIcommand\\fR for each command.
.PP
.nf
${main}.fi
")
foreach(cmd validate run merge compare seek weather bench)
  help_of(text help ${cmd})
  string(TOUPPER "${cmd}" up)
  string(APPEND page ".SH \"AUTONOMY ${up}\"\n.nf\n${text}.fi\n")
endforeach()
string(APPEND page ".SH FILES
.TP
.I scenarios/README.md
the scenario format, element by element, and the shipped Amiens scenarios
.TP
.I results/README.md
every table that \\fBautonomy run\\fR writes, column by column
.TP
.I docs/model.md
what the simulator computes
.SH SEE ALSO
.BR gnuplot (1),
.BR mpirun (1)
")
file(WRITE "${OUT}.tmp" "${page}")
file(RENAME "${OUT}.tmp" "${OUT}")
