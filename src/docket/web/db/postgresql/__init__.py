"""PostgreSQL for Docket: Django's backend; see ``base`` for the one difference."""
