# hardening.cmake — Debian's hardening flags for every target, as a Debian
# package of briefs ships them: what `dpkg-buildflags` gives with
# DEB_BUILD_MAINT_OPTIONS=hardening=+all (bookworm: -D_FORTIFY_SOURCE=2,
# -fstack-protector-strong, -Wformat -Werror=format-security,
# -Wl,-z,relro -Wl,-z,now; PIE is the compiler's default there), asked of
# dpkg-buildflags itself so that they follow Debian's policy as it changes.
#
# On by default in an optimised build (the package is made from the build the
# tests run, scripts/package/CMakeLists.txt: what is tested is what ships), so
# that tests/e2e/package.sh checks the packaged binaries with hardening-check
# and lintian. Off with a sanitizer or fuzz build (ASan replaces the
# functions _FORTIFY_SOURCE checks) and in a Debug build (_FORTIFY_SOURCE
# needs optimisation, and warns without it: an error under -Werror).
#
# Only the hardening flags are taken: the optimisation and debug flags stay
# CMAKE_BUILD_TYPE's, and the file-name mapping of Debian's reproducible
# builds is left out (it rewrites __FILE__).

option(BRIEFS_HARDENING "build with Debian's hardening flags (dpkg-buildflags) when optimising" ON)
set(briefs_harden ${BRIEFS_HARDENING})
if(briefs_harden AND (BRIEFS_SANITIZE OR BRIEFS_FUZZ OR
                      NOT CMAKE_BUILD_TYPE MATCHES "^(Release|RelWithDebInfo|MinSizeRel)$"))
  message(STATUS "Hardening flags not used: a sanitizer, fuzz or unoptimised build")
  set(briefs_harden OFF)
endif()

if(briefs_harden)
  find_program(DPKG_BUILDFLAGS dpkg-buildflags)
  if(NOT DPKG_BUILDFLAGS)
    message(FATAL_ERROR "BRIEFS_HARDENING needs dpkg-buildflags (Debian's dpkg-dev: "
                        "scripts/install-deps installs it), or configure with -DBRIEFS_HARDENING=OFF")
  endif()
  # briefs_buildflags(VAR WHICH): dpkg-buildflags --get WHICH, as a list.
  function(briefs_buildflags var which)
    execute_process(
      COMMAND ${CMAKE_COMMAND} -E env
              "DEB_BUILD_MAINT_OPTIONS=hardening=+all reproducible=-fixfilepath,-fixdebugpath"
              "DEB_${which}_MAINT_STRIP=-g -O2"
              ${DPKG_BUILDFLAGS} --get ${which}
      OUTPUT_VARIABLE flags OUTPUT_STRIP_TRAILING_WHITESPACE
      RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
      message(FATAL_ERROR "dpkg-buildflags --get ${which} failed (${status})")
    endif()
    separate_arguments(flags UNIX_COMMAND "${flags}")
    set(${var} "${flags}" PARENT_SCOPE)
  endfunction()
  briefs_buildflags(cppflags CPPFLAGS)
  briefs_buildflags(cflags CFLAGS)
  briefs_buildflags(cxxflags CXXFLAGS)
  briefs_buildflags(ldflags LDFLAGS)
  add_compile_options(${cppflags}
                      "$<$<COMPILE_LANGUAGE:C>:${cflags}>"
                      "$<$<COMPILE_LANGUAGE:CXX>:${cxxflags}>")
  add_link_options(${ldflags})
  message(STATUS "Hardening (dpkg-buildflags): ${cppflags} ${cflags} ${ldflags}")
endif()
