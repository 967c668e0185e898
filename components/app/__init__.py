"""Streamlit glue: everything here may import streamlit; nothing outside components/app and pages/ may."""
