"""What leans on private or undocumented APIs of Streamlit and its components, one module each.

Each module names the versions it was checked against (``CHECKED``); ``tests/test_private_apis.py``
fails when an upgrade changes what the module relies on. Nothing else in the app touches these APIs.
"""
