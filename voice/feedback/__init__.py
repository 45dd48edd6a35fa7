"""Act and Feedback: you-said statements, partners' responses, review and public pages."""
