# What `cmake --install` lays out under the prefix (and so what the .deb holds, cmake/Package.cmake):
#   bin/frr                              the tool (no crash-test fault points: lib/CMakeLists.txt)
#   bin/frr-sim                          the simulator, when the tests are built (demo, trying configs)
#   share/frr/reports/                   the report templates frr reads (relative to bin/frr)
#   share/frr/demo.sh                    the demo against frr-sim, for an installed frr
#   share/frr/found_vs_injected.py       the demo's last line: what frr found against what was injected
#   share/doc/frr/examples/              example configs, scenarios, cron, systemd, CI job
#   share/doc/frr/README.md, docs/       the documentation
#   share/man/man1/frr.1                 generated at build time from frr's own --help (help2man)
#   lib/systemd/system/frr@.{service,timer}   the per-store unit and timer, ExecStart at this prefix
set(FRR_SYSTEMD_UNIT_DIR "lib/systemd/system" CACHE STRING
  "Where the systemd units go, relative to the install prefix")

install(TARGETS frr RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET frr-sim)
  install(TARGETS frr-sim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/reports/ DESTINATION ${CMAKE_INSTALL_DATADIR}/frr/reports)
install(PROGRAMS ${PROJECT_SOURCE_DIR}/scripts/demo.sh ${PROJECT_SOURCE_DIR}/scripts/found_vs_injected.py
  DESTINATION ${CMAKE_INSTALL_DATADIR}/frr)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)

# The man page, from the built frr's --help and each command's --help (cmake/ManPage.cmake).
option(FRR_MAN_PAGE "Generate and install the frr.1 man page (needs help2man)" ON)
if(FRR_MAN_PAGE)
  find_program(FRR_HELP2MAN help2man)
  if(NOT FRR_HELP2MAN)
    message(FATAL_ERROR "help2man not found: it makes the frr.1 man page. Install it with "
      "scripts/install-deps.sh (Debian package help2man), or configure with -DFRR_MAN_PAGE=OFF.")
  endif()
  set(frr_man ${CMAKE_BINARY_DIR}/man/frr.1)
  add_custom_command(OUTPUT ${frr_man}
    # (In a sanitizer build frr runs here too; a leak report at exit must not fail the build.)
    COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
      ${CMAKE_COMMAND} -DFRR=$<TARGET_FILE:frr> -DHELP2MAN=${FRR_HELP2MAN} -DOUTPUT=${frr_man}
      -P ${PROJECT_SOURCE_DIR}/cmake/ManPage.cmake
    DEPENDS frr ${PROJECT_SOURCE_DIR}/cmake/ManPage.cmake
    COMMENT "Generating man/frr.1 from frr --help" VERBATIM)
  add_custom_target(frr_man_page ALL DEPENDS ${frr_man})
  install(FILES ${frr_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

# The units name the binary by its full installed path, so ExecStart is written at install time
# (CMAKE_INSTALL_PREFIX is then the prefix really installed to: cmake --install --prefix, CPack's /usr).
install(FILES ${PROJECT_SOURCE_DIR}/examples/systemd/frr@.timer DESTINATION ${FRR_SYSTEMD_UNIT_DIR})
install(CODE "
  file(READ \"${PROJECT_SOURCE_DIR}/examples/systemd/frr@.service\" unit)
  string(REPLACE \"/usr/local/bin/frr \" \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/frr \" unit \"\${unit}\")
  set(dest \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${FRR_SYSTEMD_UNIT_DIR}\")
  file(MAKE_DIRECTORY \"\${dest}\")
  file(WRITE \"\${dest}/frr@.service\" \"\${unit}\")
  message(STATUS \"Installing: \${dest}/frr@.service\")
  list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${dest}/frr@.service\")
")
