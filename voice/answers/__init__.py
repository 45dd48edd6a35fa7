"""Ask: the child's journey through a survey, and the anonymous submissions it produces."""
