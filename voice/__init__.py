"""Voice: children tell the partnership what growing up is like; the partnership answers."""

__version__ = "0.1.0"
