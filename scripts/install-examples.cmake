# install-examples.cmake — run by `cmake --install` (scripts/CMakeLists.txt):
# installs the systemd units (brief-reindex's service and timer, brief-serve's
# service, briefs-shard@.service: xapian-tcpsrv on one shard) to lib/systemd/system under the prefix (systemd
# reads /usr/local/lib/systemd/system; a Debian package installs to
# /usr/lib/systemd/system) and crontab.example to the doc directory.
#
# The unit and the crontab name brief-reindex by its installed path, so they
# are written here, at install time, not when configuring: CMAKE_INSTALL_PREFIX
# is now the prefix being installed to, and `cmake --install build --prefix
# DIR` names DIR/bin (a DESTDIR is not part of that path, as it must not be).

# full(VAR DIR): VAR = DIR made absolute under the prefix being installed to.
function(full var dir)
  if(IS_ABSOLUTE "${dir}")
    set(${var} "${dir}" PARENT_SCOPE)
  else()
    set(${var} "${CMAKE_INSTALL_PREFIX}/${dir}" PARENT_SCOPE)
  endif()
endfunction()

full(CMAKE_INSTALL_FULL_BINDIR "${BRIEFS_BINDIR}")   # what the templates name
full(docdir "${BRIEFS_DOCDIR}")
configure_file("${BRIEFS_SCRIPTS_DIR}/briefs-reindex.service.in" "${BRIEFS_GENERATED_DIR}/briefs-reindex.service" @ONLY)
configure_file("${BRIEFS_SCRIPTS_DIR}/briefs-serve.service.in" "${BRIEFS_GENERATED_DIR}/briefs-serve.service" @ONLY)
configure_file("${BRIEFS_SCRIPTS_DIR}/crontab.example.in" "${BRIEFS_GENERATED_DIR}/crontab.example" @ONLY)
# file(INSTALL) is what install(FILES) runs: DESTDIR, the manifest, the messages.
file(INSTALL "${BRIEFS_GENERATED_DIR}/briefs-reindex.service" "${BRIEFS_SCRIPTS_DIR}/briefs-reindex.timer"
               "${BRIEFS_GENERATED_DIR}/briefs-serve.service" "${BRIEFS_SCRIPTS_DIR}/briefs-shard@.service"
     DESTINATION "${CMAKE_INSTALL_PREFIX}/lib/systemd/system" TYPE FILE)
file(INSTALL "${BRIEFS_GENERATED_DIR}/crontab.example" DESTINATION "${docdir}" TYPE FILE)
