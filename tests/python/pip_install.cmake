# Installs the Python package with pip from a copy of its sources (pip builds in the source
# folder), with the C library in the package's lib/, then imports it from a clean environment.
# Inputs: PYTHON, PACKAGE, LIBRARY, LIBRARY_NAME, PRELOAD (may be empty), VERSION, WORK.
execute_process(COMMAND ${PYTHON} -m pip --version RESULT_VARIABLE pip_rc OUTPUT_QUIET ERROR_QUIET)
execute_process(COMMAND ${PYTHON} -c "import setuptools, wheel"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT pip_rc EQUAL 0 OR NOT rc EQUAL 0)
  message("SKIPPED: ${PYTHON} lacks pip, setuptools or wheel")
  return()
endif()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(COPY ${PACKAGE}/ DESTINATION ${WORK}/src
     PATTERN __pycache__ EXCLUDE PATTERN build EXCLUDE PATTERN "*.egg-info" EXCLUDE)
file(MAKE_DIRECTORY ${WORK}/src/posture/lib)
file(COPY_FILE ${LIBRARY} ${WORK}/src/posture/lib/${LIBRARY_NAME})

execute_process(
  COMMAND ${PYTHON} -m pip install --no-build-isolation --no-deps --no-index --no-cache-dir
          --disable-pip-version-check --target ${WORK}/site ./src
  WORKING_DIRECTORY ${WORK} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pip install failed:\n${out}")
endif()

set(env --unset=POSTURE_LIBRARY_PATH --unset=PYTHONPATH PYTHONPATH=${WORK}/site
    PYTHONDONTWRITEBYTECODE=1)
if(PRELOAD)
  list(APPEND env LD_PRELOAD=${PRELOAD} ASAN_OPTIONS=detect_leaks=0)
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env ${env}
          ${PYTHON} -c "import posture, posture._lib as l; print(posture.__file__); print(posture.library_version()); print(l.get()._name)"
  WORKING_DIRECTORY ${WORK} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the installed package does not load:\n${out}${err}")
endif()
string(REGEX MATCHALL "[^\n]+" lines "${out}")
list(GET lines 0 module)
list(GET lines 1 version)
list(GET lines 2 library)
if(NOT module MATCHES "^${WORK}/site/posture/" OR NOT version STREQUAL VERSION
   OR NOT library STREQUAL "${WORK}/site/posture/lib/${LIBRARY_NAME}")
  message(FATAL_ERROR "unexpected: module ${module}, version ${version}, library ${library}")
endif()
message(STATUS "pip installed posture ${version}; it loads ${library}")
