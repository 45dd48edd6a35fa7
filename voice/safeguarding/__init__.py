"""Listen, for safety: answers that may be a disclosure, waiting for the safeguarding lead."""
