# Installs the build into a scratch prefix and checks the layout that
# docs/operations.md describes. Run by ctest: -DBUILD_DIR=... -DPREFIX=...
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE result OUTPUT_QUIET ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${errors}")
endif()
foreach(path
    bin/warta-indexer bin/warta-searchd
    lib/systemd/system/warta-searchd@.service lib/systemd/system/warta-tcpsrv@.service
    lib/systemd/system/warta-replicate-server.service lib/systemd/system/warta-replicate@.service
    lib/systemd/system/warta-indexer.service lib/systemd/system/warta-indexer.timer
    etc/warta/searchd-main.env etc/warta/shards.conf etc/warta/replicate.env etc/warta/indexer.env
    etc/warta/tcpsrv-shard-02.env
    share/doc/warta/operations.md share/doc/warta/README.md)
  if(NOT EXISTS "${PREFIX}/${path}")
    message(FATAL_ERROR "not installed: ${path}")
  endif()
endforeach()
file(READ "${PREFIX}/lib/systemd/system/warta-searchd@.service" unit)
if(NOT unit MATCHES "ExecStart=/[^ ]*/warta-searchd \\$WARTA_SEARCHD_ARGS")
  message(FATAL_ERROR "warta-searchd@.service has no ExecStart of warta-searchd:\n${unit}")
endif()
file(REMOVE_RECURSE "${PREFIX}")
message(STATUS "install layout complete")
