"""Accounts: roles, API tokens, sign-in throttling."""
