"""Database backends: Django's own, with what Docket's request pattern needs changed."""
