# Compiles each public header alone (cmake -P). Inputs: CXX, CC, CXX_HEADERS (folder of *.hpp),
# C_HEADERS (folder of *.h), INCLUDES (list), WORK (scratch folder).
set(warnings -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Werror)
set(include_flags "")
foreach(dir IN LISTS INCLUDES)
  list(APPEND include_flags -I${dir})
endforeach()
file(MAKE_DIRECTORY ${WORK})

set(failed "")
set(checked 0)

# Compiles a translation unit that includes `header` twice (the second time proves the include
# guard) and nothing else.
function(check_one header language)
  get_filename_component(name ${header} NAME)
  if(language STREQUAL "c99")
    set(compiler ${CC})
    set(flags -x c -std=c99)
    set(suffix c)
  else()
    set(compiler ${CXX})
    set(flags -x c++ -std=c++20)
    set(suffix cpp)
  endif()
  set(tu ${WORK}/${name}.${language}.${suffix})
  file(WRITE ${tu} "#include \"posture/${name}\"\n#include \"posture/${name}\"\n")
  execute_process(
    COMMAND ${compiler} ${flags} ${warnings} ${include_flags} -fsyntax-only ${tu}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  math(EXPR n "${checked} + 1")
  set(checked ${n} PARENT_SCOPE)
  if(NOT rc EQUAL 0)
    message("FAIL ${name} as ${language}:\n${out}")
    set(failed "${failed} ${name}(${language})" PARENT_SCOPE)
  endif()
endfunction()

file(GLOB cxx_headers ${CXX_HEADERS}/*.hpp)
file(GLOB c_headers ${C_HEADERS}/*.h)
if(NOT cxx_headers OR NOT c_headers)
  message(FATAL_ERROR "no headers found under ${CXX_HEADERS} or ${C_HEADERS}")
endif()
foreach(h IN LISTS cxx_headers)
  check_one(${h} c++20)
endforeach()
foreach(h IN LISTS c_headers)
  check_one(${h} c99)
  check_one(${h} c++20)
  # The C ABI header is the contract with every language: it may pull in nothing but the two
  # C headers that define its types.
  file(STRINGS ${h} includes REGEX "^[ \t]*#[ \t]*include")
  foreach(line IN LISTS includes)
    if(NOT line MATCHES "<(stddef|stdint)\\.h>")
      message("FAIL ${h}: includes more than <stddef.h> and <stdint.h>: ${line}")
      set(failed "${failed} ${h}(includes)")
    endif()
  endforeach()
endforeach()

if(failed)
  message(FATAL_ERROR "headers that do not compile alone:${failed}")
endif()
message(STATUS "${checked} header compilations passed")
