"""Figure and map builders (no streamlit) and the dashboard's widgets (components.app.ui)."""
