"""Analysis across interactions: retries grouped into turns, problems, diffs."""
