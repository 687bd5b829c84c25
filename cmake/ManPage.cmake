# Writes the frr.1 man page from the built frr's own help (run at build time, cmake/Install.cmake):
# help2man turns `frr --help` and `frr --version` into the page, and each command's `frr CMD --help`
# becomes a subsection of COMMANDS, so the page can never disagree with the binary.
#   cmake -DFRR=path/to/frr -DHELP2MAN=path/to/help2man -DOUTPUT=frr.1 -P ManPage.cmake
execute_process(COMMAND ${FRR} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "man page: '${FRR} --help' exited ${rc}")
endif()

# The commands: the lines after "Subcommands:" up to the next blank line, "  name   description".
string(REGEX MATCH "\nSubcommands:\n([^\n]+\n)+" block "${help}")
string(REGEX MATCHALL "\n  [a-z][a-z-]*" names "${block}")
if(NOT names)
  message(FATAL_ERROR "man page: no 'Subcommands:' list in '${FRR} --help'")
endif()

# roff: a backslash is \e, and a line must not start with "." or "'".
function(frr_roff_literal text out)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

set(include "[COMMANDS]\nEach command has its own options; they follow the command name.\n")
foreach(name ${names})
  string(STRIP "${name}" name)
  execute_process(COMMAND ${FRR} ${name} --help OUTPUT_VARIABLE sub RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "man page: '${FRR} ${name} --help' exited ${rc}")
  endif()
  frr_roff_literal("${sub}" sub)
  string(APPEND include ".SS ${name}\n.nf\n${sub}.fi\n")
endforeach()
string(APPEND include [=[
[ENVIRONMENT]
.TP
.B FRR_CONFIG
The configuration file, as \-c.
.TP
.B FRR_STATE_DIR
The state directory, as \-\-state\-dir.
.TP
.B FRR_AS_OF
The moment to behave as of, as \-\-as\-of.
.TP
.B FRR_SHOPIFY_BASE_URL, FRR_KLAVIYO_BASE_URL
Override the configured API base URLs (plain http only for loopback hosts).
.PP
Credentials are read from the environment variables the configuration names (its *_env keys),
never from the configuration file itself.
[FILES]
.TP
.I /usr/share/frr/reports/
The report templates (report.html, report.txt, report.md), read relative to the frr binary
(\fIPREFIX\fR/share/frr/reports beside \fIPREFIX\fR/bin/frr); delivery.templates_dir overrides them.
.TP
.I /usr/share/doc/frr/examples/
An example configuration with every key, cron, systemd and CI examples.
.TP
.I /usr/share/frr/demo.sh
Runs frr against frr\-sim, the bundled simulator of both platforms.
[SEE ALSO]
The documentation in /usr/share/doc/frr/docs/: configuration.md (every key), operations.md
(scheduling, the runbook for each exit status), health\-model.md, report.md, delivery.md.
]=])
get_filename_component(dir "${OUTPUT}" DIRECTORY)
file(MAKE_DIRECTORY "${dir}")
file(WRITE "${OUTPUT}.include" "${include}")
# help2man writes non-ASCII help text (the em dash) as "?" in its default locale, C.
execute_process(COMMAND ${HELP2MAN} --locale=C.UTF-8 --no-info --section=1
    "--name=Flow Reliability Report: is a Shopify store's data really reaching Klaviyo?"
    --include=${OUTPUT}.include --output=${OUTPUT}.tmp ${FRR}
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "man page: help2man failed (${rc}): ${err}")
endif()
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
