# man.cmake — the man pages. Each is written in scdoc (NAME.SECTION.scd)
# beside what it documents, so that whoever changes an option or a format
# finds its page there: indexer/brief-index.1.scd, query/brief-query.1.scd,
# scripts/brief-reindex.1.scd, and corpus/briefs.5.scd (the configuration
# file, corpus/config.c) and corpus/briefs.7.scd (the brief format and the
# query syntax). Each is built to roff in the build's man/ directory and
# installed gzip-compressed (as Debian's policy wants) under share/man.
# tests/e2e/manpages.sh compares each program's page with its --help, and
# tests/e2e/doc_examples.sh runs every page's EXAMPLES.

option(BRIEFS_MAN "build and install the man pages (needs scdoc)" ON)
if(BRIEFS_MAN)
  find_program(SCDOC scdoc)
  if(NOT SCDOC)
    message(FATAL_ERROR "scdoc not found: the man pages are built with it. Install it "
                        "(scripts/install-deps does: apt-get install scdoc), or configure "
                        "with -DBRIEFS_MAN=OFF to build without man pages.")
  endif()
  find_program(GZIP gzip REQUIRED)
endif()

# briefs_add_man_page(PAGE...): build each PAGE (NAME.SECTION) from
# PAGE.scd of the calling directory into ${PROJECT_BINARY_DIR}/man/PAGE, and
# install it. The source is configured first: its header names the version.
function(briefs_add_man_page)
  if(NOT BRIEFS_MAN)
    return()
  endif()
  foreach(page IN LISTS ARGN)
    string(REGEX REPLACE ".*\\.([0-9])$" "\\1" section "${page}")
    set(out ${PROJECT_BINARY_DIR}/man/${page})
    configure_file(${page}.scd ${out}.scd @ONLY)
    add_custom_command(
      OUTPUT ${out} ${out}.gz
      COMMAND ${SCDOC} < ${out}.scd > ${out}
      COMMAND ${GZIP} -9 -n -c ${out} > ${out}.gz
      DEPENDS ${out}.scd
      COMMENT "scdoc ${page}"
      VERBATIM)
    add_custom_target(man-${page} ALL DEPENDS ${out} ${out}.gz)
    install(FILES ${out}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
  endforeach()
endfunction()
