# SPDX-License-Identifier: MIT
# Qt Linguist. English is the source language: resources/translations/hookbench_en.ts lists every text the
# window shows (the template for a new language) and fills in only the English plural forms ("%n capture(s)" ->
# "1 capture", "2 captures"); the other texts stay unfinished there, so the source text shows. Each .ts becomes
# a .qm embedded under :/i18n, which the window loads for the system's language at start.
#   cmake --build BUILD --target update_translations    refresh the .ts files from the sources
# Without Qt's Linguist tools (Debian: qt6-tools-dev, qt6-l10n-tools) the build goes on without .qm files and
# the window shows the source texts.
find_package(Qt6 QUIET COMPONENTS LinguistTools)
if(NOT Qt6LinguistTools_FOUND)
    message(STATUS "Translations: not built (Qt6 LinguistTools not found)")
    return()
endif()
# The texts are read from the sources the targets list (cmake/SourcesCore.cmake, cmake/SourcesUi.cmake).
get_target_property(hookbench_core_texts hookbench_core SOURCES)
get_target_property(hookbench_ui_texts hookbench_ui SOURCES)
set(hookbench_translatable_sources ${hookbench_core_texts} ${hookbench_ui_texts} ${PROJECT_SOURCE_DIR}/main.cpp)
list(FILTER hookbench_translatable_sources INCLUDE REGEX "\\.(cpp|h|ui)$")
qt_add_translations(hookbench
    TS_FILES ${PROJECT_SOURCE_DIR}/resources/translations/hookbench_en.ts
    SOURCES ${hookbench_translatable_sources}
    INCLUDE_DIRECTORIES ${PROJECT_SOURCE_DIR}/ui ${PROJECT_SOURCE_DIR}/app
    RESOURCE_PREFIX /i18n
    LUPDATE_OPTIONS -locations none -no-obsolete)
message(STATUS "Translations: ${PROJECT_SOURCE_DIR}/resources/translations/hookbench_en.ts")
