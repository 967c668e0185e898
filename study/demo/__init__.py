"""The demonstration data package: a tool beside the analysis core, which never imports it.

``generator`` draws the data, ``patterns`` holds the numbers it draws from, ``vocabulary`` the words.
"""

from .generator import NATIONAL_SIZES, generate_demo

__all__ = ["generate_demo", "NATIONAL_SIZES"]
