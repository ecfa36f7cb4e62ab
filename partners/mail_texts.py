"""The fixed texts of the member invitation email, in bokmål, nynorsk and English.

Rendered by plain substitution (conferences.placeholders.render, never ``str.format``):
``{greeting}``, ``{invited_by}``, ``{role}``, ``{role_description}``, ``{organisation}``,
``{email}``, ``{join_url}``, ``{expires}``.
"""

SUBJECT = {
    "nb": "Invitasjon: bli med i Møteplass Telemark for {organisation}",
    "nn": "Invitasjon: ver med i Møteplass Telemark for {organisation}",
    "en": "Invitation: join Møteplass Telemark for {organisation}",
}

BODY = {
    "nb": (
        "{greeting}\n\n"
        "{invited_by} har invitert deg. Du er invitert til å være med i Møteplass Telemark som "
        "{role} for {organisation}.\n\n"
        "I Møteplass Telemark planlegger rådgiverne i Telemark fylkeskommune og "
        "samarbeidspartnerne konferansen sammen. Som {role} kan du {role_description}.\n\n"
        "Ta imot invitasjonen her (lenken er personlig og gjelder til {expires}):\n"
        "{join_url}\n\n"
        "Har du ikke konto ennå, oppretter du en med e-postadressen {email}. Har du allerede en "
        "konto med denne adressen, logger du bare inn.\n\n"
        "Har du spørsmål, ta kontakt med {invited_by} eller rådgiverne i Telemark "
        "fylkeskommune.\n\n"
        "Vennlig hilsen\nTelemark fylkeskommune"
    ),
    "nn": (
        "{greeting}\n\n"
        "{invited_by} har invitert deg. Du er invitert til å vere med i Møteplass Telemark som "
        "{role} for {organisation}.\n\n"
        "I Møteplass Telemark planlegg rådgivarane i Telemark fylkeskommune og "
        "samarbeidspartnarane konferansen saman. Som {role} kan du {role_description}.\n\n"
        "Ta imot invitasjonen her (lenkja er personleg og gjeld til {expires}):\n"
        "{join_url}\n\n"
        "Har du ikkje konto enno, opprettar du ein med e-postadressa {email}. Har du alt ein "
        "konto med denne adressa, loggar du berre inn.\n\n"
        "Har du spørsmål, ta kontakt med {invited_by} eller rådgivarane i Telemark "
        "fylkeskommune.\n\n"
        "Venleg helsing\nTelemark fylkeskommune"
    ),
    "en": (
        "{greeting}\n\n"
        "{invited_by} has invited you. You are invited to join Møteplass Telemark as {role} for "
        "{organisation}.\n\n"
        "In Møteplass Telemark the advisers of Telemark fylkeskommune and the partner "
        "organisations plan the conference together. As {role} you can {role_description}.\n\n"
        "Accept the invitation here (the link is personal and valid until {expires}):\n"
        "{join_url}\n\n"
        "If you have no account yet, create one with the email address {email}. If you already "
        "have an account with this address, just log in.\n\n"
        "If you have questions, contact {invited_by} or the advisers at Telemark "
        "fylkeskommune.\n\n"
        "Kind regards\nTelemark fylkeskommune"
    ),
}

# (with a name, without one)
GREETING = {
    "nb": ("Hei {name},", "Hei,"),
    "nn": ("Hei {name},", "Hei,"),
    "en": ("Dear {name},", "Hello,"),
}

ROLE_NAMES = {
    "nb": {"coordinator": "koordinator", "editor": "redaktør"},
    "nn": {"coordinator": "koordinator", "editor": "redaktør"},
    "en": {"coordinator": "coordinator", "editor": "editor"},
}

ROLE_DESCRIPTIONS = {
    "nb": {
        "coordinator": (
            "foreslå og redigere programposter og invitere og administrere personene i "
            "organisasjonen"
        ),
        "editor": "foreslå og redigere programposter for organisasjonen",
    },
    "nn": {
        "coordinator": (
            "føreslå og redigere programpostar og invitere og administrere personane i "
            "organisasjonen"
        ),
        "editor": "føreslå og redigere programpostar for organisasjonen",
    },
    "en": {
        "coordinator": (
            "propose and edit programme items and invite and manage your organisation's people"
        ),
        "editor": "propose and edit programme items for your organisation",
    },
}

# Who invited, when the inviting account is gone.
SOMEONE = {"nb": "Møteplass Telemark", "nn": "Møteplass Telemark", "en": "Møteplass Telemark"}
