"""Email backends standing in for an SMTP server that answers with errors (the boundary)."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

ANSWERS: list = []  # exceptions to raise, one per send, in order; empty → accept


class ScriptedBackend(LocmemBackend):
    def send_messages(self, messages):
        if ANSWERS:
            raise ANSWERS.pop(0)
        return super().send_messages(messages)


def refuse(code: int, text: str, email: str = "x@example.no"):
    return smtplib.SMTPRecipientsRefused({email: (code, text.encode())})
