# Xapian's CMake package only sets variables; wrap them in an IMPORTED target.
find_package(Xapian 1.4 REQUIRED)
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::xapian PROPERTIES
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
  target_include_directories(Xapian::xapian SYSTEM INTERFACE "${XAPIAN_INCLUDE_DIR}")
endif()
