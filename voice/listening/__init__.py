"""Listen: anonymise (and, next, screen and theme) free text. Pure functions on strings.

Nothing here imports the web framework or the database, so the same code runs in a request,
in a batch job and in the command line.
"""
