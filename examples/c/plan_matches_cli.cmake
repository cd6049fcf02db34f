# The C host's action plan for a fleet is byte for byte the plan `posture judge --actions` writes
# for the same input (cmake -P). Inputs: HOST, CLI, POLICY, CATALOG, FLEET, AT, WORK.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${HOST} ${POLICY} ${CATALOG} ${FLEET} ${AT} ${WORK}/host-plan.json
                RESULT_VARIABLE host_rc OUTPUT_VARIABLE host_out ERROR_VARIABLE host_err)
execute_process(COMMAND ${CLI} judge --policy ${POLICY} --catalog ${CATALOG} --inventory ${FLEET}
                        --at ${AT} --format jsonl --output ${WORK}/report.jsonl
                        --actions ${WORK}/cli-plan.json
                RESULT_VARIABLE cli_rc OUTPUT_VARIABLE cli_out ERROR_VARIABLE cli_err)
if(NOT host_rc STREQUAL cli_rc)
  message(FATAL_ERROR "exit status: host ${host_rc}, CLI ${cli_rc}\n${host_err}\n${cli_err}")
endif()
foreach(plan host-plan.json cli-plan.json)
  if(NOT EXISTS ${WORK}/${plan})
    message(FATAL_ERROR "no ${plan} was written:\n${host_err}\n${cli_err}")
  endif()
endforeach()
file(READ ${WORK}/host-plan.json host_plan)
file(READ ${WORK}/cli-plan.json cli_plan)
string(JSON n LENGTH "${host_plan}" actions)
if(n EQUAL 0)
  message(FATAL_ERROR "the sample selects no action; the comparison would prove nothing")
endif()
if(NOT host_plan STREQUAL cli_plan)
  message(FATAL_ERROR "the host's plan differs from the CLI's:\n--- host\n${host_plan}\n--- CLI\n${cli_plan}")
endif()
message(STATUS "${n} actions: the C host's plan equals the CLI's")
