# SPDX-License-Identifier: MIT
# What `cmake --install` puts where on each platform, and the packages CPack makes of it: DEB and TGZ on Linux,
# NSIS on Windows, DragNDrop on macOS. docs/packaging.md says which of these are built and tested here.
include(GNUInstallDirs)

set(HOOKBENCH_APP_ID io.github.hookbench.hookbench)
set(HOOKBENCH_HOMEPAGE_URL "https://github.com/hookbench/hookbench" CACHE STRING
    "The project's home page, written into the AppStream metadata and the packages")
set(HOOKBENCH_SCREENSHOT_URL "https://raw.githubusercontent.com/hookbench/hookbench/main/docs/screenshot.png"
    CACHE STRING "docs/screenshot.png on the web: AppStream accepts only a web URL for a screenshot")
set(hookbench_packaging_dir ${PROJECT_SOURCE_DIR}/packaging)
set(hookbench_icons_dir ${PROJECT_SOURCE_DIR}/resources/icons)

if(APPLE)
    # One bundle holds the window and the command line (Hookbench.app/Contents/MacOS/Hookbench listen ...).
    set_source_files_properties(${hookbench_icons_dir}/hookbench.icns PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
    target_sources(hookbench PRIVATE ${hookbench_icons_dir}/hookbench.icns)
    set_target_properties(hookbench PROPERTIES
        MACOSX_BUNDLE TRUE
        OUTPUT_NAME Hookbench
        MACOSX_BUNDLE_INFO_PLIST ${hookbench_packaging_dir}/macos/Info.plist.in
        MACOSX_BUNDLE_BUNDLE_NAME Hookbench
        MACOSX_BUNDLE_GUI_IDENTIFIER ${HOOKBENCH_APP_ID}
        MACOSX_BUNDLE_ICON_FILE hookbench.icns
        MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
        MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION})
    install(TARGETS hookbench BUNDLE DESTINATION . RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
elseif(WIN32)
    # A console program, so that `hookbench listen` prints where it was started; the window opens from it too.
    configure_file(${hookbench_packaging_dir}/windows/hookbench.rc.in ${CMAKE_BINARY_DIR}/hookbench.rc @ONLY)
    target_sources(hookbench PRIVATE ${CMAKE_BINARY_DIR}/hookbench.rc)
    install(TARGETS hookbench RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} RUNTIME_DEPENDENCY_SET hookbench_runtime)
    # OpenSSL and SQLite DLLs next to the program; Qt's own come from windeployqt below.
    install(RUNTIME_DEPENDENCY_SET hookbench_runtime DESTINATION ${CMAKE_INSTALL_BINDIR}
            PRE_EXCLUDE_REGEXES "^api-ms-" "^ext-ms-" "^Qt6"
            POST_EXCLUDE_REGEXES "[/\\\\][Ss]ystem32[/\\\\]")
else()
    install(TARGETS hookbench RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

# windeployqt / macdeployqt at install time (Qt 6.3 on; 6.5 renamed the output argument).
if((WIN32 OR APPLE) AND HOOKBENCH_GUI AND COMMAND qt_generate_deploy_app_script)
    if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
        qt_generate_deploy_app_script(TARGET hookbench OUTPUT_SCRIPT hookbench_deploy_script
                                      NO_UNSUPPORTED_PLATFORM_ERROR)
    else()
        qt_generate_deploy_app_script(TARGET hookbench FILENAME_VARIABLE hookbench_deploy_script
                                      NO_UNSUPPORTED_PLATFORM_ERROR)
    endif()
    install(SCRIPT ${hookbench_deploy_script})
endif()

# The freedesktop.org side: launcher, AppStream metadata, icons, the HAR file type and the manual.
if(UNIX AND NOT APPLE)
    if(HOOKBENCH_GUI)
        install(FILES ${hookbench_packaging_dir}/linux/hookbench.desktop
                DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
        configure_file(${hookbench_packaging_dir}/linux/hookbench.metainfo.xml.in
                       ${CMAKE_BINARY_DIR}/${HOOKBENCH_APP_ID}.metainfo.xml @ONLY)
        install(FILES ${CMAKE_BINARY_DIR}/${HOOKBENCH_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
        install(FILES ${hookbench_packaging_dir}/linux/hookbench-mime.xml
                DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME hookbench.xml)
        install(FILES ${hookbench_icons_dir}/hookbench.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
        foreach(size 16 22 24 32 48 64 128 256 512)
            install(FILES ${hookbench_icons_dir}/hicolor/${size}x${size}/apps/hookbench.png
                    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
        endforeach()
    endif()
    install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/hookbench)
    install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/hookbench RENAME copyright)

    # The manual is written from the built program's --help texts, so it cannot drift from them.
    find_package(Python3 COMPONENTS Interpreter)
    find_program(HOOKBENCH_GZIP gzip)
    # Not from sanitizer builds: nobody packages those, and LeakSanitizer would judge the --help runs.
    if(Python3_Interpreter_FOUND AND HOOKBENCH_GZIP AND NOT CMAKE_CROSSCOMPILING AND NOT HOOKBENCH_SANITIZE)
        string(TIMESTAMP hookbench_man_date "%Y-%m-%d" UTC)
        add_custom_command(
            OUTPUT ${CMAKE_BINARY_DIR}/hookbench.1 ${CMAKE_BINARY_DIR}/hookbench.1.gz
            COMMAND Python3::Interpreter ${hookbench_packaging_dir}/man/make-manpage.py $<TARGET_FILE:hookbench>
                    ${CMAKE_BINARY_DIR}/hookbench.1 ${hookbench_man_date}
            COMMAND ${HOOKBENCH_GZIP} -9nf -k ${CMAKE_BINARY_DIR}/hookbench.1
            DEPENDS hookbench ${hookbench_packaging_dir}/man/make-manpage.py
            COMMENT "Writing the manual page from hookbench --help"
            VERBATIM)
        add_custom_target(hookbench_man ALL DEPENDS ${CMAKE_BINARY_DIR}/hookbench.1.gz)
        install(FILES ${CMAKE_BINARY_DIR}/hookbench.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
    else()
        message(STATUS "No manual page (it needs python3 and gzip, and a build without sanitizers)")
    endif()
endif()

set(CPACK_PACKAGE_NAME hookbench)
set(CPACK_PACKAGE_VENDOR "The Hookbench developers")
set(CPACK_PACKAGE_CONTACT "The Hookbench developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${HOOKBENCH_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY Hookbench)
set(CPACK_PACKAGE_EXECUTABLES hookbench Hookbench)
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
set(CPACK_STRIP_FILES ON)
set(CPACK_VERBATIM_VARIABLES ON)
if(APPLE)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_DMG_VOLUME_NAME Hookbench)
elseif(WIN32)
    set(CPACK_GENERATOR NSIS)
    set(CPACK_NSIS_MUI_ICON ${hookbench_icons_dir}/hookbench.ico)
    set(CPACK_NSIS_MUI_UNIICON ${hookbench_icons_dir}/hookbench.ico)
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\hookbench.exe")
    set(CPACK_NSIS_DISPLAY_NAME Hookbench)
    set(CPACK_NSIS_PACKAGE_NAME Hookbench)
    set(CPACK_NSIS_URL_INFO_ABOUT "${HOOKBENCH_HOMEPAGE_URL}")
    set(CPACK_NSIS_MODIFY_PATH ON)
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    # .har files open with Hookbench (per machine, removed again on uninstall).
    set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS [=[
        WriteRegStr HKCR ".har" "" "Hookbench.har"
        WriteRegStr HKCR "Hookbench.har" "" "HTTP Archive"
        WriteRegStr HKCR "Hookbench.har\DefaultIcon" "" "$INSTDIR\bin\hookbench.exe,0"
        WriteRegStr HKCR "Hookbench.har\shell\open\command" "" '"$INSTDIR\bin\hookbench.exe" "%1"'
    ]=])
    set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS [=[
        DeleteRegKey HKCR "Hookbench.har"
        DeleteRegValue HKCR ".har" ""
    ]=])
else()
    set(CPACK_GENERATOR DEB TGZ)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SECTION devel)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    # dpkg-shlibdeps adds the libraries; the window also needs Qt's platform plugins (xcb).
    set(CPACK_DEBIAN_PACKAGE_DEPENDS qt6-qpa-plugins)
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland, qt6-translations-l10n")
    # CPack puts the summary line first and indents these lines.
    set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
        "Hookbench captures every webhook delivery byte for byte on a local endpoint, stores it\n"
        "before acknowledging it, checks signatures against the secret you type, and saves\n"
        "captures as HAR files. The same program runs in a terminal: hookbench listen, show, verify.")
    string(JOIN "" CPACK_DEBIAN_PACKAGE_DESCRIPTION ${CPACK_DEBIAN_PACKAGE_DESCRIPTION})
endif()
include(CPack)

if(BUILD_TESTING AND HOOKBENCH_GUI AND UNIX AND NOT APPLE)
    # The installed tree, validated the way distributions do (desktop-file-validate, appstreamcli).
    add_test(NAME packaging.install-tree
             COMMAND bash ${hookbench_packaging_dir}/tests/check-install-tree.sh ${CMAKE_BINARY_DIR}
                     ${PROJECT_VERSION} ${HOOKBENCH_APP_ID})
    add_test(NAME packaging.icons COMMAND bash ${hookbench_packaging_dir}/render-icons.sh --check)
    add_test(NAME packaging.translations
             COMMAND python3 ${hookbench_packaging_dir}/translations/english-plurals.py --check)
    add_test(NAME packaging.window-start
             COMMAND bash ${hookbench_packaging_dir}/tests/window-start.sh $<TARGET_FILE:hookbench>
                     $<IF:$<BOOL:${Qt6LinguistTools_FOUND}>,with-translations,without-translations>)
    set_tests_properties(packaging.install-tree packaging.icons packaging.translations packaging.window-start
                         PROPERTIES LABELS packaging TIMEOUT 300)
    # The source lists of app/ and ui/ name every file there, and only those.
    add_test(NAME packaging.source-lists COMMAND python3 ${PROJECT_SOURCE_DIR}/cmake/source-lists.py --check)
    set_tests_properties(packaging.source-lists PROPERTIES LABELS packaging TIMEOUT 60)
    # Imports between the folders of app/ and ui/ point one way, and no file there is over 600 lines.
    add_test(NAME packaging.structure COMMAND python3 ${PROJECT_SOURCE_DIR}/cmake/structure.py)
    set_tests_properties(packaging.structure PROPERTIES LABELS packaging TIMEOUT 60)
    if(Qt6LinguistTools_FOUND)
        # The translation source is current and lists the window's texts (at least 400 of them).
        add_test(NAME packaging.translation-sources
                 COMMAND sh ${hookbench_packaging_dir}/translations/check-sources.sh $<TARGET_FILE:Qt6::lupdate>
                         ${PROJECT_SOURCE_DIR} 400)
        set_tests_properties(packaging.translation-sources PROPERTIES LABELS packaging TIMEOUT 120)
    endif()
endif()
