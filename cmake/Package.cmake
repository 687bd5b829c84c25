# `make package` (cpack -G DEB in the build tree): frr_<version>_<arch>.deb holding what
# cmake/Install.cmake installs, under /usr. Dependencies come from dpkg-shlibdeps (the libraries
# the binaries really link); debian/postinst creates the `frr` system user the unit runs as.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME frr)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# The Maintainer field: set it to whoever builds and supports the package.
set(FRR_PACKAGE_MAINTAINER "frr maintainers <frr-maintainers@example.invalid>" CACHE STRING
  "Maintainer of the .deb (name <email>)")
set(CPACK_PACKAGE_CONTACT "${FRR_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "checks that a Shopify store's data really reaches Klaviyo")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
# Install with DESTDIR=<staging> and CMAKE_INSTALL_PREFIX=/usr, so what is written at install
# time (the unit's ExecStart) names /usr/bin/frr, not the staging directory.
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_SET_DESTDIR ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/package)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # frr_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# ca-certificates: the platforms are reached over TLS; tzdata: store-local report dates.
# curl, python3: only the demo script (share/frr/demo.sh) and its found-vs-injected line use them.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "ca-certificates, tzdata, passwd")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "curl, python3")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "checks that a Shopify store's data really reaches Klaviyo
 frr (Flow Reliability Report) compares a Shopify store with its Klaviyo account record by
 record: orders without their Placed Order event, late or duplicated events, wrong values,
 customers without profiles, consent that disagrees, a stalled integration, audiences that
 stopped updating. It scores the health of the flow and sends a plain-English report a
 non-technical client can act on (HTML email, Slack, webhook).
 .
 It is a batch tool run once a day per store by cron, the systemd timer shipped here
 (frr@STORE.timer) or a Kubernetes CronJob; each run keeps JSON snapshots in a state directory
 and the next one compares against them. The package also holds frr-sim, a local simulator of
 both platforms' APIs, and /usr/share/frr/demo.sh, which runs frr against it.")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/cmake/debian/postinst)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
