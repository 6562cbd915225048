# SPDX-License-Identifier: MIT
# One INTERFACE target carries the settings every Hookbench target shares.
add_library(hookbench_common INTERFACE)
target_compile_features(hookbench_common INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
set(hookbench_warnings -Wall -Wextra -Wold-style-cast -Wnon-virtual-dtor)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    list(APPEND hookbench_warnings -Wshadow=local)
endif()
if(HOOKBENCH_WERROR)
    list(APPEND hookbench_warnings -Werror)
endif()
target_compile_options(hookbench_common INTERFACE "$<$<COMPILE_LANGUAGE:CXX>:${hookbench_warnings}>")
target_compile_definitions(hookbench_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    HOOKBENCH_VERSION="${PROJECT_VERSION}")
if(HOOKBENCH_SANITIZE)
    # Not the vptr check: Qt's libraries are built without it, so it misjudges Qt's own objects (QDebug's
    # QTextStream, each time a warning is logged) as being of the wrong type.
    target_compile_options(hookbench_common INTERFACE -fsanitize=address,undefined -fno-sanitize=vptr
                                                      -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(hookbench_common INTERFACE -fsanitize=address,undefined)
endif()
