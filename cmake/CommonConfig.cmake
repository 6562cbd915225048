# SPDX-License-Identifier: MIT
# One INTERFACE target carries the settings every Hookbench target shares.
add_library(hookbench_common INTERFACE)
target_compile_features(hookbench_common INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_options(hookbench_common INTERFACE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wold-style-cast -Wnon-virtual-dtor -Wshadow=local>
    $<$<AND:$<COMPILE_LANGUAGE:CXX>,$<BOOL:${HOOKBENCH_WERROR}>>:-Werror>)
target_compile_definitions(hookbench_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    HOOKBENCH_VERSION="${PROJECT_VERSION}")
if(HOOKBENCH_SANITIZE)
    target_compile_options(hookbench_common INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                      -fno-sanitize-recover=undefined)
    target_link_options(hookbench_common INTERFACE -fsanitize=address,undefined)
endif()
