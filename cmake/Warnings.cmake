# One interface target carries the project's warning and sanitizer flags;
# every frr target links it, third-party headers are included as SYSTEM.
add_library(frr_warnings INTERFACE)
target_compile_options(frr_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wimplicit-fallthrough)
if(FRR_WARNINGS_AS_ERRORS)
  target_compile_options(frr_warnings INTERFACE -Werror)
endif()
if(FRR_SANITIZE)
  target_compile_options(frr_warnings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(frr_warnings INTERFACE -fsanitize=address,undefined)
endif()
