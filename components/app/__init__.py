"""Streamlit glue: the modules here may import streamlit; outside it only dashboard.py and pages/ may.

``cache`` is the app's one cache, ``content`` what each page shows (cached builders), ``private`` the
few modules that lean on private APIs; the rest are the frame's parts (context, data, page registry,
sidebar, widgets, the map's widget).
"""
