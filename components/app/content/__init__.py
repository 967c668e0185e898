"""What each page shows, built per selection, labels and options and cached (``components.app.cache``).

One module per page (``common`` for what several share). A builder takes the ``Selection``, the
``Labels`` (which carry the language) and plain options, calls the uncached functions of ``study`` and
the figure builders of ``components``, and returns frozen figures, prepared tables and text: no
streamlit calls here besides the cache, and no cached function calls another.
"""
