"""Ask: class sessions (a survey, a school, a year group, a band, a window) and their join codes."""
