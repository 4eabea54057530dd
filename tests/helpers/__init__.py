"""Builders and harnesses shared by tests of several stages."""
