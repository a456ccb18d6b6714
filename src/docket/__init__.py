"""Docket: write, check, review, find and publish engineering RFCs from one template."""

__version__ = "0.1.0"
__all__ = ["__version__"]
