"""The staff side: accounts and roles, the admin pages, facilitators' class sessions, the
safeguarding queue and the audit log."""
