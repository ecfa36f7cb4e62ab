"""The texts a new conference's mail templates start from, in bokmål, nynorsk and English.

Advisers edit them per conference; placeholders are listed in conferences.placeholders.
"""

from conferences.enums import MailRole

SIGNATURE = {
    "nb": "Vennlig hilsen\nTelemark fylkeskommune",
    "nn": "Venleg helsing\nTelemark fylkeskommune",
    "en": "Kind regards\nTelemark fylkeskommune",
}

DEFAULTS = {
    MailRole.INVITATION: {
        "nb": (
            "Invitasjon til {conference}",
            "Hei {first_name},\n\nDu inviteres til {conference}, {dates} på {venue}. Her møtes "
            "ledere fra kommunene, næringslivet, staten, akademia og frivilligheten for å sette "
            "prioriteringene for året som kommer og følge opp Telemarksplanen.\n\n"
            "Svar på invitasjonen her:\n{answer_url}\n\nPåmeldingen stenger {registration_closes}.",
        ),
        "nn": (
            "Invitasjon til {conference}",
            "Hei {first_name},\n\nDu er invitert til {conference}, {dates} på {venue}. Her møtest "
            "leiarar frå kommunane, næringslivet, staten, akademia og frivilligheita for å setje "
            "prioriteringane for året som kjem og følgje opp Telemarksplanen.\n\n"
            "Svar på invitasjonen her:\n{answer_url}\n\nPåmeldinga stengjer {registration_closes}.",
        ),
        "en": (
            "Invitation to {conference}",
            "Dear {first_name},\n\nYou are invited to {conference}, {dates} at {venue}, where "
            "leaders from municipalities, business, the state, academia and the voluntary sector "
            "set the priorities for the coming year and follow up the Telemark plan.\n\n"
            "Please answer here:\n{answer_url}\n\nRegistration closes {registration_closes}.",
        ),
    },
    MailRole.INVITATION_REMINDER: {
        "nb": (
            "Påminnelse: invitasjon til {conference}",
            "Hei {first_name},\n\nVi har ikke fått svar på invitasjonen til {conference}, "
            "{dates} på {venue}. Svar gjerne her:\n{answer_url}",
        ),
        "nn": (
            "Påminning: invitasjon til {conference}",
            "Hei {first_name},\n\nVi har ikkje fått svar på invitasjonen til {conference}, "
            "{dates} på {venue}. Svar gjerne her:\n{answer_url}",
        ),
        "en": (
            "Reminder: invitation to {conference}",
            "Dear {first_name},\n\nWe have not yet had your answer to the invitation to "
            "{conference}, {dates} at {venue}. Please answer here:\n{answer_url}",
        ),
    },
    MailRole.REGISTRATION_CONFIRMATION: {
        "nb": (
            "Du er påmeldt {conference}",
            "Hei {first_name},\n\nTakk for påmeldingen til {conference}, {dates} på {venue}.\n\n"
            "Se eller endre påmeldingen din her:\n{manage_url}\n\nProgrammet: {programme_url}",
        ),
        "nn": (
            "Du er påmeld {conference}",
            "Hei {first_name},\n\nTakk for påmeldinga til {conference}, {dates} på {venue}.\n\n"
            "Sjå eller endre påmeldinga di her:\n{manage_url}\n\nProgrammet: {programme_url}",
        ),
        "en": (
            "You are registered for {conference}",
            "Dear {first_name},\n\nThank you for registering for {conference}, {dates} at "
            "{venue}.\n\nSee or change your registration here:\n{manage_url}\n\n"
            "The programme: {programme_url}",
        ),
    },
    MailRole.WAITING_LIST_OFFER: {
        "nb": (
            "Ledig plass på {conference}",
            "Hei {first_name},\n\nEn plass på {conference} er blitt ledig, og du står først på "
            "ventelisten. Takk ja innen {offer_expires}:\n{manage_url}",
        ),
        "nn": (
            "Ledig plass på {conference}",
            "Hei {first_name},\n\nEin plass på {conference} er vorten ledig, og du står først på "
            "ventelista. Takk ja innan {offer_expires}:\n{manage_url}",
        ),
        "en": (
            "A place at {conference} is available",
            "Dear {first_name},\n\nA place at {conference} has become available and you are "
            "first on the waiting list. Please accept by {offer_expires}:\n{manage_url}",
        ),
    },
    MailRole.REGISTRATION_WAITLISTED: {
        "nb": (
            "Du står på ventelisten til {conference}",
            "Hei {first_name},\n\n{conference} er fullt, så du står på ventelisten. Blir en "
            "plass ledig, får du en e-post med en frist for å takke ja.\n\n"
            "Se eller endre påmeldingen din her:\n{manage_url}",
        ),
        "nn": (
            "Du står på ventelista til {conference}",
            "Hei {first_name},\n\n{conference} er full, så du står på ventelista. Vert ein "
            "plass ledig, får du ein e-post med ein frist for å takke ja.\n\n"
            "Sjå eller endre påmeldinga di her:\n{manage_url}",
        ),
        "en": (
            "You are on the waiting list for {conference}",
            "Dear {first_name},\n\n{conference} is full, so you are on the waiting list. If a "
            "place becomes available, you will get an email with a deadline to accept it.\n\n"
            "See or change your registration here:\n{manage_url}",
        ),
    },
    MailRole.SESSION_PLACE: {
        "nb": (
            "Du har fått plass på «{session}»",
            "Hei {first_name},\n\nEn plass på «{session}» på {conference} er blitt ledig, og "
            "den er nå din.\n\nSe eller endre påmeldingen din her:\n{manage_url}",
        ),
        "nn": (
            "Du har fått plass på «{session}»",
            "Hei {first_name},\n\nEin plass på «{session}» på {conference} er vorten ledig, og "
            "han er no din.\n\nSjå eller endre påmeldinga di her:\n{manage_url}",
        ),
        "en": (
            "You have a place in “{session}”",
            "Dear {first_name},\n\nA place in “{session}” at {conference} has become available "
            "and it is now yours.\n\nSee or change your registration here:\n{manage_url}",
        ),
    },
    MailRole.REGISTRATION_CANCELLED: {
        "nb": (
            "Påmeldingen til {conference} er avmeldt",
            "Hei {first_name},\n\nDu er nå avmeldt {conference}. Ønsker du å komme likevel, "
            "kan du melde deg på igjen så lenge påmeldingen er åpen.",
        ),
        "nn": (
            "Påmeldinga til {conference} er avmeld",
            "Hei {first_name},\n\nDu er no avmeld {conference}. Ønskjer du å kome likevel, "
            "kan du melde deg på igjen så lenge påmeldinga er open.",
        ),
        "en": (
            "Your registration for {conference} is cancelled",
            "Dear {first_name},\n\nYou are no longer registered for {conference}. If you want "
            "to come after all, you can register again while registration is open.",
        ),
    },
    MailRole.OFFER_EXPIRED: {
        "nb": (
            "Tilbudet om plass på {conference} har gått ut",
            "Hei {first_name},\n\nVi fikk ikke svar på tilbudet om plass på {conference} innen "
            "fristen, så plassen har gått videre til nestemann på ventelisten. Ønsker du fortsatt "
            "å komme, kan du melde deg på igjen så lenge påmeldingen er åpen.\n\n"
            "Påmeldingen din:\n{manage_url}",
        ),
        "nn": (
            "Tilbodet om plass på {conference} har gått ut",
            "Hei {first_name},\n\nVi fekk ikkje svar på tilbodet om plass på {conference} innan "
            "fristen, så plassen har gått vidare til nestemann på ventelista. Ønskjer du framleis "
            "å kome, kan du melde deg på igjen så lenge påmeldinga er open.\n\n"
            "Påmeldinga di:\n{manage_url}",
        ),
        "en": (
            "Your offered place at {conference} has expired",
            "Dear {first_name},\n\nWe did not hear from you about the place offered at "
            "{conference} before the deadline, so it has gone to the next person on the waiting "
            "list. If you still want to come, you can register again while registration is open."
            "\n\nYour registration:\n{manage_url}",
        ),
    },
    MailRole.COMMITMENT_REMINDER: {
        "nb": (
            "Oppfølging etter {conference}: status for oppfølgingspunktene til {organisation}",
            "Hei {first_name},\n\n{organisation} har ansvaret for eller koordinerer disse "
            "oppfølgingspunktene fra {conference}:\n\n{commitments}\n\nOppdater statusen og "
            "skriv en kort merknad om hvordan arbeidet går. Da ser alle samarbeidspartnerne hvor "
            "dere står:\n{followup_url}",
        ),
        "nn": (
            "Oppfølging etter {conference}: status for oppfølgingspunkta til {organisation}",
            "Hei {first_name},\n\n{organisation} har ansvaret for eller koordinerer desse "
            "oppfølgingspunkta frå {conference}:\n\n{commitments}\n\nOppdater statusen og "
            "skriv ein kort merknad om korleis arbeidet går. Då ser alle samarbeidspartnarane "
            "kvar de står:\n{followup_url}",
        ),
        "en": (
            "Follow-up after {conference}: status of the commitments of {organisation}",
            "Dear {first_name},\n\n{organisation} is responsible for, or coordinates, these "
            "commitments from {conference}:\n\n{commitments}\n\nPlease update their status "
            "with a short note on how the work is going, so that all partners can see where "
            "you stand:\n{followup_url}",
        ),
    },
    MailRole.PROPOSAL_RECEIVED: {
        "nb": (
            "Forslaget «{session}» er mottatt",
            "Hei {first_name},\n\nVi har mottatt forslaget «{session}» fra {organisation} til "
            "{conference}. Rådgiverne går gjennom forslagene og gir beskjed.",
        ),
        "nn": (
            "Framlegget «{session}» er motteke",
            "Hei {first_name},\n\nVi har fått framlegget «{session}» frå {organisation} til "
            "{conference}. Rådgivarane går gjennom framlegga og gir melding.",
        ),
        "en": (
            "Proposal “{session}” received",
            "Dear {first_name},\n\nWe have received the proposal “{session}” from "
            "{organisation} for {conference}. The advisers will review it and let you know.",
        ),
    },
    MailRole.PROPOSAL_ACCEPTED: {
        "nb": (
            "Forslaget «{session}» er akseptert",
            "Hei {first_name},\n\nForslaget «{session}» fra {organisation} er akseptert til "
            "{conference}.\n\n{reason}",
        ),
        "nn": (
            "Framlegget «{session}» er akseptert",
            "Hei {first_name},\n\nFramlegget «{session}» frå {organisation} er akseptert til "
            "{conference}.\n\n{reason}",
        ),
        "en": (
            "Proposal “{session}” accepted",
            "Dear {first_name},\n\nThe proposal “{session}” from {organisation} has been "
            "accepted for {conference}.\n\n{reason}",
        ),
    },
    MailRole.PROPOSAL_DECLINED: {
        "nb": (
            "Svar på forslaget «{session}»",
            "Hei {first_name},\n\nForslaget «{session}» fra {organisation} fikk dessverre ikke "
            "plass i programmet for {conference}.\n\n{reason}",
        ),
        "nn": (
            "Svar på framlegget «{session}»",
            "Hei {first_name},\n\nFramlegget «{session}» frå {organisation} fekk diverre ikkje "
            "plass i programmet for {conference}.\n\n{reason}",
        ),
        "en": (
            "About the proposal “{session}”",
            "Dear {first_name},\n\nUnfortunately the proposal “{session}” from {organisation} "
            "did not find a place in the programme for {conference}.\n\n{reason}",
        ),
    },
    MailRole.PROPOSAL_CHANGES_REQUESTED: {
        "nb": (
            "Endringer ønsket i forslaget «{session}»",
            "Hei {first_name},\n\nRådgiverne for {conference} ber {organisation} om å endre "
            "forslaget «{session}» før de tar stilling til det.\n\n{reason}\n\n"
            "Endre og send inn forslaget på nytt her:\n{proposal_url}",
        ),
        "nn": (
            "Endringar ønskte i framlegget «{session}»",
            "Hei {first_name},\n\nRådgivarane for {conference} ber {organisation} om å endre "
            "framlegget «{session}» før dei tek stilling til det.\n\n{reason}\n\n"
            "Endra og send inn framlegget på nytt her:\n{proposal_url}",
        ),
        "en": (
            "Changes asked for in the proposal “{session}”",
            "Dear {first_name},\n\nThe advisers of {conference} ask {organisation} to change the "
            "proposal “{session}” before they decide on it.\n\n{reason}\n\n"
            "Change and resubmit the proposal here:\n{proposal_url}",
        ),
    },
    MailRole.CHANGE_REQUEST_DECIDED: {
        "nb": (
            "Endringen av «{session}»: {decision}",
            "Hei {first_name},\n\nRådgiverne for {conference} har behandlet endringen "
            "{organisation} ba om i programposten «{session}»: {decision}.\n\n{reason}\n\n"
            "{proposal_url}",
        ),
        "nn": (
            "Endringa av «{session}»: {decision}",
            "Hei {first_name},\n\nRådgivarane for {conference} har handsama endringa "
            "{organisation} bad om i programposten «{session}»: {decision}.\n\n{reason}\n\n"
            "{proposal_url}",
        ),
        "en": (
            "The change to “{session}”: {decision}",
            "Dear {first_name},\n\nThe advisers of {conference} have decided on the change "
            "{organisation} asked for in the session “{session}”: {decision}.\n\n{reason}\n\n"
            "{proposal_url}",
        ),
    },
    MailRole.PROGRAMME_CHANGE: {
        "nb": (
            "Endring i programmet for {conference}",
            "Hei {first_name},\n\nProgramposten «{session}» er endret.\n\n{change}\n\n"
            "Se programmet:\n"
            "{programme_url}",
        ),
        "nn": (
            "Endring i programmet for {conference}",
            "Hei {first_name},\n\nProgramposten «{session}» er endra.\n\n{change}\n\n"
            "Sjå programmet:\n"
            "{programme_url}",
        ),
        "en": (
            "Change in the programme for {conference}",
            "Dear {first_name},\n\nThe session “{session}” has changed.\n\n{change}\n\n"
            "See the programme:\n"
            "{programme_url}",
        ),
    },
}


def default_texts(role: str) -> dict[str, str]:
    """Field values for a MailTemplate of ``role``: subject_nb, body_nb, … with the signature."""
    values = {}
    for language, (subject, body) in DEFAULTS[role].items():
        values[f"subject_{language}"] = subject
        values[f"body_{language}"] = f"{body}\n\n{SIGNATURE[language]}"
    return values
