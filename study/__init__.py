"""Domain core of the Kooperationsatlas: data contract, loading, validation, anonymity, aggregation.

Never imports streamlit, so it is usable and testable on its own.
"""
