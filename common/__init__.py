"""Helpers every app may use (the lowest layer): bulk writes, tabular imports, task queueing.

Nothing here knows a model of the project; it imports Django and the standard library only.
"""
