# Installs posture into WORK/prefix and builds the consumers against it (cmake -P).
# Inputs: BUILD_DIR, CONFIG, SOURCE, WORK, GENERATOR, CC, CXX, CTEST, SANITIZE, VERSION.
set(prefix ${WORK}/prefix)
file(REMOVE_RECURSE ${WORK})

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed:\n${out}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} --config ${CONFIG})

foreach(file include/posture/posture.h include/posture/posture.hpp
             include/posture/library_version.hpp)
  if(NOT EXISTS ${prefix}/${file})
    message(FATAL_ERROR "not installed: ${file}")
  endif()
endforeach()
file(GLOB_RECURSE config_files ${prefix}/*/posture-config.cmake)
file(GLOB_RECURSE version_files ${prefix}/*/posture-config-version.cmake)
file(GLOB_RECURSE pc_files ${prefix}/*/pkgconfig/posture_c.pc)
file(GLOB_RECURSE static_libs ${prefix}/*/libposture.a)
file(GLOB_RECURSE shared_libs ${prefix}/*/libposture_c.so.*)
foreach(v config_files version_files pc_files static_libs shared_libs)
  if(NOT ${v})
    message(FATAL_ERROR "nothing installed for ${v}")
  endif()
endforeach()

# A sanitized posture needs sanitized consumers: the static C++ library carries the flags in its
# usage requirements, but the shared C library's runtime must come first in the process, so the
# C consumers are built with the same flags.
set(san_flags "")
set(consumer_options "")
if(SANITIZE)
  set(san_flags -fsanitize=address,undefined)
  set(consumer_options "-DCMAKE_C_FLAGS=${san_flags}" "-DCMAKE_EXE_LINKER_FLAGS=${san_flags}")
endif()

# find_package: a C and a C++ consumer, built and run with ctest's build-and-test mode.
run("the find_package consumer"
    ${CTEST} --build-and-test ${SOURCE}/find_package ${WORK}/find_package
    --build-generator ${GENERATOR}
    --build-options -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=${CONFIG}
                    -DCMAKE_C_COMPILER=${CC} -DCMAKE_CXX_COMPILER=${CXX} ${consumer_options}
    --test-command ${CTEST} --output-on-failure)

# A newer major version must not be accepted.
file(WRITE ${WORK}/major/CMakeLists.txt
     "cmake_minimum_required(VERSION 3.25)\nproject(major NONE)\nfind_package(posture 99 QUIET)\n"
     "if(posture_FOUND)\n  message(FATAL_ERROR \"posture ${VERSION} accepted for 99\")\nendif()\n")
run("the version check" ${CMAKE_COMMAND} -S ${WORK}/major -B ${WORK}/major/build
    -DCMAKE_PREFIX_PATH=${prefix})

# pkg-config: the C ABI with nothing but a C compiler.
find_program(PKG_CONFIG pkg-config)
if(PKG_CONFIG)
  list(GET pc_files 0 pc)
  get_filename_component(pc_dir ${pc} DIRECTORY)
  run("pkg-config" ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${pc_dir}
      ${PKG_CONFIG} --cflags --libs posture_c)
  string(STRIP "${last_output}" flags)
  separate_arguments(flags UNIX_COMMAND "${flags}")
  run("compiling with pkg-config flags"
      ${CC} -std=c99 ${san_flags} ${SOURCE}/find_package/consumer.c ${flags} -o ${WORK}/pc_consumer)
  list(GET shared_libs 0 lib)
  get_filename_component(lib_dir ${lib} DIRECTORY)
  run("the pkg-config consumer" ${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${lib_dir}
      ${WORK}/pc_consumer)
  if(NOT last_output MATCHES "PC-1 danger")
    message(FATAL_ERROR "the pkg-config consumer printed: ${last_output}")
  endif()
endif()
message(STATUS "installed into ${prefix}; find_package and pkg-config consumers work")
