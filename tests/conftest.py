"""Shared pytest configuration: the markers the suite uses (``--strict-markers`` is on)."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "browser: drives JupyterLab in Debian's headless Chromium (skipped without "
        "/usr/bin/chromium or Playwright); deselect with -m 'not browser'",
    )
