"""The JSON API at ``/api/v1`` (django-ninja): RFCs, revisions, search, state and lint.

It goes through the same services and permission checks as the web pages.
"""
