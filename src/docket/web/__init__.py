"""The Docket web workspace: a Django project over the core.

The core packages never import Django; everything Django-specific lives under here.
"""
