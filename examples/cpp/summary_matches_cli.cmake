# The C++ report's summary line equals the one `posture judge` prints for the same fleet
# (cmake -P). Inputs: REPORT, CLI, POLICY, CATALOG, FLEET, AT.
execute_process(COMMAND ${REPORT} ${POLICY} ${CATALOG} ${FLEET} ${AT}
                OUTPUT_VARIABLE report_out ERROR_VARIABLE report_err)
execute_process(COMMAND ${CLI} judge --policy ${POLICY} --catalog ${CATALOG} --inventory ${FLEET}
                        --at ${AT} --format jsonl
                OUTPUT_QUIET ERROR_VARIABLE cli_err)
string(REGEX MATCH "summary: [^\n]+" from_report "${report_out}")
string(REGEX MATCH "summary: [^\n]+" from_cli "${cli_err}")
if(NOT from_report OR NOT from_report STREQUAL from_cli)
  message(FATAL_ERROR "summaries differ:\n  report: ${from_report}\n  CLI:    ${from_cli}\n"
                      "${report_err}${cli_err}")
endif()
message(STATUS "${from_report}")
