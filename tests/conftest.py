"""The whole suite runs away from the user's own Flashpoint folders.

A ``flashpoint.toml`` in the working folder or the user's config folder would change settings under the tests, and
a command run without ``--db`` would write into the user's data folder: every test sees a config and a data folder
of its session's own (platformdirs honours XDG_CONFIG_HOME and XDG_DATA_HOME on Linux) and reads no config file
(FLASHPOINT_CONFIG set but empty). tests/test_config.py undoes that where it tests the lookup itself. Processes the
tests start inherit it. XDG_CACHE_HOME is left alone: the gazetteer's cache there takes minutes to build.
"""

from __future__ import annotations

import os

import pytest

ISOLATED = {"XDG_CONFIG_HOME": "config", "XDG_DATA_HOME": "data"}


@pytest.fixture(autouse=True, scope="session")
def away_from_the_users_folders(tmp_path_factory: pytest.TempPathFactory):
    home = tmp_path_factory.mktemp("user-folders")
    saved = {name: os.environ.get(name) for name in [*ISOLATED, "FLASHPOINT_CONFIG"]}
    for name, folder in ISOLATED.items():
        os.environ[name] = str(home / folder)
    os.environ["FLASHPOINT_CONFIG"] = ""
    yield home
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
