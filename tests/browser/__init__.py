"""Browser tests of the explorers (JupyterLab in headless Chromium).

A package so that its conftest is imported as ``browser.conftest`` and never shadows the
``conftest`` module that tests/test_commands.py imports names from.
"""
