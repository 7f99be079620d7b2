"""Notifications: e-mails (SMTP) and signed webhooks, through an outbox with retries."""
