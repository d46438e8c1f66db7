"""The library's Qt-free data folder is the one Qt gives the window."""

from __future__ import annotations

import inspect
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from app.library.location import APPLICATION, ORGANISATION, data_dir
from app.ui import application


def test_library_folder_equals_qt_app_data_location(qapp) -> None:  # type: ignore[no-untyped-def]
    source = inspect.getsource(application.make_app)  # the names the window sets
    assert f'setOrganizationName("{ORGANISATION}")' in source
    assert f'setApplicationName("{APPLICATION}")' in source
    before = qapp.organizationName(), qapp.applicationName()
    qapp.setOrganizationName(ORGANISATION)
    qapp.setApplicationName(APPLICATION)
    try:
        qt = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    finally:
        qapp.setOrganizationName(before[0])
        qapp.setApplicationName(before[1])
    assert Path(qt) == data_dir()
