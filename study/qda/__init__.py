"""Importing a coded QDA project (MAXQDA Excel exports, REFI-QDA .qdpx) into a study data package.

``importer.run_import`` is the entry point; ``python -m study import`` calls it. Readers
(``maxqda``, ``refi``) fill a neutral ``model.Project``; ``build`` maps it to the contract with the
rules of ``mapping``; ``report`` tells the team what happened. Never imports streamlit.
"""
