"""Browser tests of the explorers (JupyterLab in headless Chromium).

A package so that its conftest is imported as ``browser.conftest`` and never shadows
tests/conftest.py; the harness takes the shared builders (ROOT, free_port, the notebooks'
environment) from tests/support.py like every test file.
"""
