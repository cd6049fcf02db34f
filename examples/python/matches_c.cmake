# The Python host prints exactly what the C host prints (cmake -P).
# Inputs: PYTHON, SCRIPT, C_HOST, ARGS (list).
execute_process(COMMAND ${PYTHON} ${SCRIPT} ${ARGS}
                RESULT_VARIABLE py_rc OUTPUT_VARIABLE py_out ERROR_VARIABLE py_err)
execute_process(COMMAND ${C_HOST} ${ARGS}
                RESULT_VARIABLE c_rc OUTPUT_VARIABLE c_out ERROR_VARIABLE c_err)
if(NOT py_rc STREQUAL c_rc OR NOT py_out STREQUAL c_out OR py_out STREQUAL "")
  message(FATAL_ERROR "the Python and C hosts differ (exit ${py_rc} and ${c_rc})\n"
                      "--- Python\n${py_out}${py_err}\n--- C\n${c_out}${c_err}")
endif()
string(REGEX MATCHALL "\n" newlines "${py_out}")
list(LENGTH newlines n)
message(STATUS "${n} decisions, the same from Python and C")
