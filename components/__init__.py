"""Builders without streamlit: figures, the map, the network, texts, handout, slides and exports.

The Streamlit glue is in ``components.app``; ``lint-imports`` (pyproject.toml) keeps the two apart.
"""
