"""The data behind ``manage.py seed_demo``: organisations, networks, the 2026 edition, its
programme and the demo log-ins (house style rule 18).

Everything here is demo content. The organisations are real Telemark actors, but their
municipality and written standard are plausible demo values, and they get **no**
organisasjonsnummer: we do not invent "real" numbers. The two fictional companies at the end of
``ORGANISATIONS`` get generated numbers (:func:`demo_orgnr`) that pass the mod-11 check and start
with 1, unlike the numbers Enhetsregisteret assigns. All people (speakers, demo users) are
invented. Session states and places are given per stage of the year: ``call``, ``programme``
and ``after`` (``planning`` has no programme yet).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from partners.validators import ORGNR_WEIGHTS, orgnr_is_valid

PASSWORD = "moteplass-demo"
# The demo advisers' authenticator-app secret (base32): advisers must log in with two factors.
# Add it to any authenticator app (or `oathtool --totp -b <secret>`) to get the codes.
DEMO_TOTP_SECRET = "MOTEPLASSDEMOTELEMARKTOTPSECRETQ"
PLAN_SLUG = "telemarksplanen-2024-2028"
COUNTY_SLUG = "telemark-fylkeskommune"

DRAFT = "draft"
SUBMITTED = "submitted"
CHANGES = "changes_requested"
ACCEPTED = "accepted"
DECLINED = "declined"
WITHDRAWN = "withdrawn"


def demo_orgnr(seed: int) -> str:
    """A valid, clearly fictional organisasjonsnummer: ``1`` + 7 digits from ``seed`` + check."""
    while True:
        body = f"1{seed % 10_000_000:07d}"
        remainder = sum(int(d) * w for d, w in zip(body, ORGNR_WEIGHTS, strict=True)) % 11
        if remainder != 1:
            number = body + str(0 if remainder == 0 else 11 - remainder)
            assert orgnr_is_valid(number)
            return number
        seed += 1


# --- Organisations -------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoOrganisation:
    slug: str
    name: str
    sector: str
    municipality: str | None  # kommunenummer
    written_standard: str = "nb"
    orgnr: str = ""


ORGANISATIONS = [
    DemoOrganisation("skien-kommune", "Skien kommune", "kommune", "4003"),
    DemoOrganisation("porsgrunn-kommune", "Porsgrunn kommune", "kommune", "4001"),
    DemoOrganisation("notodden-kommune", "Notodden kommune", "kommune", "4005"),
    DemoOrganisation("vinje-kommune", "Vinje kommune", "kommune", "4036", "nn"),
    DemoOrganisation("kviteseid-kommune", "Kviteseid kommune", "kommune", "4028", "nn"),
    DemoOrganisation("nho-vestfold-og-telemark", "NHO Vestfold og Telemark", "arbeidsliv", "4003"),
    DemoOrganisation("lo-vestfold-og-telemark", "LO i Vestfold og Telemark", "arbeidsliv", "4003"),
    DemoOrganisation("ks-vestfold-og-telemark", "KS Vestfold og Telemark", "arbeidsliv", None),
    DemoOrganisation("nav-vestfold-og-telemark", "NAV Vestfold og Telemark", "statlig", "4003"),
    DemoOrganisation(
        "statsforvalteren-vestfold-og-telemark",
        "Statsforvalteren i Vestfold og Telemark",
        "statlig",
        "4003",
    ),
    DemoOrganisation(
        "innovasjon-norge-vestfold-og-telemark",
        "Innovasjon Norge Vestfold og Telemark",
        "statlig",
        "4003",
    ),
    DemoOrganisation("usn", "Universitetet i Sørøst-Norge (USN)", "utdanning", "4020"),
    DemoOrganisation("telemark-utviklingsfond", "Telemark Utviklingsfond", "annet", "4003"),
    DemoOrganisation("frivillighet-norge", "Frivillighet Norge", "frivillighet", None),
    # Fictional companies, with generated demo organisation numbers.
    DemoOrganisation(
        "fjellbjork-trevare",
        "Fjellbjørk Trevare AS",
        "naeringsliv",
        "4028",
        "nn",
        demo_orgnr(4028001),
    ),
    DemoOrganisation(
        "grenland-hydrogenlab",
        "Grenland Hydrogenlab AS",
        "naeringsliv",
        "4001",
        "nb",
        demo_orgnr(4001001),
    ),
]

# Organisations taking part in the 2026 edition (the county is the organiser, not a partner).
PARTNERS = [
    "nho-vestfold-og-telemark",
    "lo-vestfold-og-telemark",
    "ks-vestfold-og-telemark",
    "nav-vestfold-og-telemark",
    "statsforvalteren-vestfold-og-telemark",
    "innovasjon-norge-vestfold-og-telemark",
    "usn",
    "skien-kommune",
    "vinje-kommune",
]


# --- Networks (fagnettverk) ----------------------------------------------------------------


@dataclass(frozen=True)
class DemoNetwork:
    slug: str
    name: str
    description_nb: str
    description_nn: str
    description_en: str
    organisations: tuple[str, ...]
    goals: tuple[str, ...]


NETWORKS = [
    DemoNetwork(
        "telemark-naeringskollegiet",
        "Telemark Næringskollegiet",
        "Næringssjefene i kommunene møter virkemiddelapparatet for å samordne arbeidet med "
        "næringsutvikling, etableringer og kompetanse i hele Telemark.",
        "Næringssjefane i kommunane møter verkemiddelapparatet for å samordne arbeidet med "
        "næringsutvikling, etableringar og kompetanse i heile Telemark.",
        "Municipal business development officers meet the public support agencies to coordinate "
        "business development, start-ups and skills across Telemark.",
        (
            COUNTY_SLUG,
            "skien-kommune",
            "porsgrunn-kommune",
            "notodden-kommune",
            "vinje-kommune",
            "kviteseid-kommune",
            "innovasjon-norge-vestfold-og-telemark",
            "telemark-utviklingsfond",
            "nho-vestfold-og-telemark",
        ),
        ("S1", "S2"),
    ),
    DemoNetwork(
        "inkluderingsdager-telemark",
        "Inkluderingsdager Telemark",
        "Arbeidsgivere, NAV, partene i arbeidslivet og frivilligheten samarbeider om å få flere "
        "inn i arbeid og utdanning, og arrangerer årlige inkluderingsdager.",
        "Arbeidsgivarar, NAV, partane i arbeidslivet og frivilligheita samarbeider om å få fleire "
        "inn i arbeid og utdanning, og skipar til årlege inkluderingsdagar.",
        "Employers, NAV, the social partners and the voluntary sector work together to bring more "
        "people into work and education, and hold annual inclusion days.",
        (
            COUNTY_SLUG,
            "nav-vestfold-og-telemark",
            "nho-vestfold-og-telemark",
            "lo-vestfold-og-telemark",
            "ks-vestfold-og-telemark",
            "frivillighet-norge",
            "skien-kommune",
        ),
        ("I1", "I3"),
    ),
    DemoNetwork(
        "klima-og-miljonettverket",
        "Klima- og miljønettverket",
        "Kommunenes klimarådgivere, Statsforvalteren og forskningsmiljøer deler erfaringer om "
        "utslippskutt, naturmangfold og klimatilpasning.",
        "Klimarådgivarane i kommunane, Statsforvaltaren og forskingsmiljø deler røynsler om "
        "utsleppskutt, naturmangfald og klimatilpassing.",
        "Municipal climate advisers, the County Governor and researchers share experience on "
        "cutting emissions, biodiversity and climate adaptation.",
        (
            COUNTY_SLUG,
            "statsforvalteren-vestfold-og-telemark",
            "usn",
            "skien-kommune",
            "porsgrunn-kommune",
            "vinje-kommune",
            "grenland-hydrogenlab",
        ),
        ("N1", "N2", "N3"),
    ),
    DemoNetwork(
        "folkehelsenettverket",
        "Folkehelsenettverket",
        "Folkehelsekoordinatorer i kommunene og frivillige organisasjoner arbeider sammen for gode "
        "oppvekst- og levekår og utjevning av sosiale helseforskjeller.",
        "Folkehelsekoordinatorar i kommunane og frivillige organisasjonar arbeider saman for gode "
        "oppvekst- og levekår og utjamning av sosiale helseskilnader.",
        "Municipal public health coordinators and voluntary organisations work together for good "
        "conditions for growing up and living, and for reducing social inequalities in health.",
        (
            COUNTY_SLUG,
            "notodden-kommune",
            "kviteseid-kommune",
            "ks-vestfold-og-telemark",
            "frivillighet-norge",
        ),
        ("I2", "I3"),
    ),
]


# --- The conference and its rooms ----------------------------------------------------------

CONFERENCE_SLUG = "moteplass-telemark-2026"
CONFERENCE_TITLE = "Møteplass Telemark 2026"
DAYS = {1: dt.date(2026, 12, 9), 2: dt.date(2026, 12, 10)}
GOALS_IN_FOCUS = ("I1", "S2", "N1")
CONFERENCE = {
    "title": CONFERENCE_TITLE,
    "year": 2026,
    "start_date": DAYS[1],
    "end_date": DAYS[2],
    "venue": "Ibsenhuset, Skien",
    "capacity": 300,
    "description_nb": (
        "Møteplass Telemark samler ledere fra kommuner, næringsliv, arbeidslivets parter, "
        "frivilligheten, statlige virksomheter og USN. Sammen følger vi opp Telemarksplanen, "
        "setter prioriteringene for 2027 og blir enige om hvem som gjør hva. I år står "
        "utenforskap, kompetanse og grønn omstilling i sentrum."
    ),
    "description_nn": (
        "Møteplass Telemark samlar leiarar frå kommunar, næringsliv, partane i arbeidslivet, "
        "frivilligheita, statlege verksemder og USN. Saman følgjer vi opp Telemarksplanen, set "
        "prioriteringane for 2027 og vert samde om kven som gjer kva. I år står utanforskap, "
        "kompetanse og grøn omstilling i sentrum."
    ),
    "description_en": (
        "Møteplass Telemark brings together leaders from municipalities, business, the social "
        "partners, the voluntary sector, state agencies and USN. Together we follow up the "
        "Telemark Plan, set the priorities for 2027 and agree on who does what. This year's focus: "
        "exclusion from work and education, skills and the green transition."
    ),
}
_OSLO = "Europe/Oslo"
REGISTRATION_OPENS = (dt.date(2026, 10, 1), dt.time(9, 0))
REGISTRATION_CLOSES = (dt.date(2026, 12, 2), dt.time(12, 0))

# The call for programme items. At the stage "call" it closes three weeks after seeding, so that
# partners can try it whenever the demo is set up; later stages use the fixed date.
CALL_OPENS = (dt.date(2026, 8, 17), dt.time(9, 0))
CALL_CLOSES = (dt.date(2026, 10, 16), dt.time(12, 0))
CHANGES_LOCK = (dt.date(2026, 12, 2), dt.time(12, 0))
CALL_GUIDANCE = {
    "call_guidance_nb": (
        "Vi ønsker forslag som viser hvordan organisasjonen din bidrar til Telemarksplanens "
        "hovedmål – gjerne sammen med andre. Beskriv hva deltakerne skal sitte igjen med, og hvem "
        "som bør være i salen. Parallelle sesjoner varer 45–60 minutter, verksteder opptil 90."
    ),
    "call_guidance_nn": (
        "Vi ønskjer framlegg som syner korleis organisasjonen din bidreg til hovudmåla i "
        "Telemarksplanen – gjerne saman med andre. Skildra kva deltakarane skal sitje att med, og "
        "kven som bør vere i salen. Parallelle sesjonar varer 45–60 minutt, verkstader opptil 90."
    ),
    "call_guidance_en": (
        "We welcome proposals that show how your organisation contributes to the main goals of "
        "the Telemark Plan – preferably together with others. Describe what participants will take "
        "away and who should be in the room. Parallel sessions last 45–60 minutes, workshops up "
        "to 90."
    ),
}


@dataclass(frozen=True)
class DemoComment:
    session: str
    author: str  # email of a demo user
    text: str
    internal: bool = False


# The note published with the demo programme's version at each stage.
VERSION_NOTES = {
    "programme": "Første versjon av programmet. Endringer kommer i listen over endringer.",
    "after": "«Grønne lokalsamfunn: klimabudsjett i små kommuner» ble avlyst på dagen.",
}

CONFERENCE_STATUS = {
    "planning": "draft",
    "call": "published",
    "programme": "published",
    "after": "published",
}


@dataclass(frozen=True)
class DemoRoom:
    name: str
    capacity: int
    accessibility_nb: str = ""
    accessibility_nn: str = ""
    accessibility_en: str = ""


STORSALEN = "Storsalen"
SALONG_1 = "Salong 1"
SALONG_2 = "Salong 2"
VERKSTED = "Verkstedrommet"

ROOMS = [
    DemoRoom(
        STORSALEN,
        300,
        "Trinnfri adkomst fra hovedinngangen og heis til alle plan. Teleslynge i hele salen. "
        "Reserverte plasser for rullestolbrukere på første rad. Skrivetolk kan bestilles.",
        "Trinnfri tilkomst frå hovudinngangen og heis til alle plan. Teleslynge i heile salen. "
        "Reserverte plassar for rullestolbrukarar på første rad. Skrivetolk kan tingast.",
        "Step-free access from the main entrance and a lift to all floors. Hearing loop "
        "throughout the hall. Reserved wheelchair spaces in the front row. Speech-to-text "
        "interpreting on request.",
    ),
    DemoRoom(
        SALONG_1,
        60,
        "Trinnfri adkomst med heis. Mobil teleslynge.",
        "Trinnfri tilkomst med heis. Mobil teleslynge.",
        "Step-free access by lift. Portable hearing loop.",
    ),
    DemoRoom(
        SALONG_2,
        60,
        "Trinnfri adkomst med heis. Mobil teleslynge.",
        "Trinnfri tilkomst med heis. Mobil teleslynge.",
        "Step-free access by lift. Portable hearing loop.",
    ),
    DemoRoom(
        VERKSTED,
        40,
        "Trinnfri adkomst på gateplan. Bord som kan heves og senkes.",
        "Trinnfri tilkomst på gateplan. Bord som kan hevast og senkast.",
        "Step-free access at street level. Height-adjustable tables.",
    ),
]


# --- Speakers (invented people) ------------------------------------------------------------


@dataclass(frozen=True)
class DemoSpeaker:
    name: str
    title: str
    organisation: str
    bio: str = ""


SPEAKERS = [
    DemoSpeaker(
        "Randi Tveitå Holm",
        "seksjonsleder, samfunnsutvikling",
        "Telemark fylkeskommune",
        "Har leidd arbeidet med oppfølginga av Telemarksplanen sidan 2024.",
    ),
    DemoSpeaker("Eirik Sannes", "seniorrådgiver, analyse", "Telemark fylkeskommune"),
    DemoSpeaker(
        "Marte Lindgren",
        "professor i regional utvikling",
        "Universitetet i Sørøst-Norge",
        "Forsker på kompetanse, arbeidsmarked og bosetting i distriktene.",
    ),
    DemoSpeaker("Håkon Strand", "næringspolitisk rådgiver", "NHO Vestfold og Telemark"),
    DemoSpeaker("Lise Moen Aas", "rådgiver", "LO i Vestfold og Telemark"),
    DemoSpeaker("Yasmin Farah", "seksjonsleder", "NAV Vestfold og Telemark"),
    DemoSpeaker("Tor Einar Bakken", "leder for ungdomsteamet", "NAV Skien"),
    DemoSpeaker("Silje Vrålstad", "rådgiver, fagopplæring", "Telemark fylkeskommune"),
    DemoSpeaker("Jonas Berntsen", "seniorrådgiver", "Innovasjon Norge Vestfold og Telemark"),
    DemoSpeaker("Camilla Øyen", "dagleg leiar", "Grenland Hydrogenlab AS"),
    DemoSpeaker("Gunnhild Kvålen", "rådgjevar, samfunnsutvikling", "Vinje kommune"),
    DemoSpeaker("Olav Haugland", "reiselivsansvarleg", "Vinje kommune"),
    DemoSpeaker(
        "Ingebjørg Midtbø", "seniorrådgjevar, miljøvern", "Statsforvalteren i Vestfold og Telemark"
    ),
    DemoSpeaker("Anders Myrvold", "klima- og energirådgiver", "KS Vestfold og Telemark"),
    DemoSpeaker("Kristin Aabø", "førsteamanuensis", "Universitetet i Sørøst-Norge"),
    DemoSpeaker("Torleiv Nordbø", "kulturarvrådgjevar", "Telemark fylkeskommune"),
    DemoSpeaker("Sigrid Hovde", "beredskapskoordinator", "Vinje kommune"),
    DemoSpeaker("Petter Engen", "rådgiver", "KS Vestfold og Telemark"),
    DemoSpeaker("Nora Salvesen", "regional rådgiver", "Frivillighet Norge"),
    DemoSpeaker("Aslak Rue", "dagleg leiar", "Fjellbjørk Trevare AS"),
]


# --- The programme -------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    day: int
    time: str  # "HH:MM", Europe/Oslo
    room: str


@dataclass(frozen=True)
class DemoSession:
    title: str
    format: str
    duration: int
    owner: str | None
    goals: tuple[str, ...]
    abstract: str
    call: str  # state while the call for programme is open
    programme: str = ACCEPTED  # state once the programme is published
    after: str | None = None  # state after the conference; None: as at ``programme``
    slot: Slot | None = None  # where an accepted session is placed
    language: str = "nb"
    co_owners: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    capacity: int | None = None

    def state_at(self, stage: str) -> str:
        if stage == "call":
            return self.call
        if stage == "after" and self.after:
            return self.after
        return self.programme


FOCUS = GOALS_IN_FOCUS
NHO = "nho-vestfold-og-telemark"
LO = "lo-vestfold-og-telemark"
KS = "ks-vestfold-og-telemark"
NAV = "nav-vestfold-og-telemark"
SF = "statsforvalteren-vestfold-og-telemark"
IN = "innovasjon-norge-vestfold-og-telemark"
USN = "usn"
SKIEN = "skien-kommune"
VINJE = "vinje-kommune"

SESSIONS = [
    # Day 1 — morning plenary
    DemoSession(
        "Registrering og kaffe",
        "break",
        30,
        None,
        (),
        "Hent navneskiltet ditt i foajeen. Kaffe, te og frukt.",
        call=ACCEPTED,
        slot=Slot(1, "09:00", STORSALEN),
    ),
    DemoSession(
        "Velkommen til Møteplass Telemark 2026",
        "plenary",
        15,
        COUNTY_SLUG,
        FOCUS,
        "Fylkeskommunen ønsker velkommen og presenterer målene for de to dagene: hva vi skal "
        "prioritere i 2027, og hvordan vi fordeler ansvaret mellom oss.",
        call=ACCEPTED,
        slot=Slot(1, "09:30", STORSALEN),
        speakers=("Randi Tveitå Holm",),
    ),
    DemoSession(
        "Telemarksplanen to år etter: hva sier kunnskapsgrunnlaget?",
        "plenary",
        45,
        COUNTY_SLUG,
        ("I1", "S2", "N1", "I2"),
        "Befolkningen blir eldre, flere står utenfor arbeidslivet, og bedriftene mangler "
        "kompetanse. Samtidig skal Telemark gjennom en grønn omstilling. Vi går gjennom de "
        "nyeste tallene fra «Kunnskap om Telemark» og peker på hvor innsatsen gir mest effekt.",
        call=ACCEPTED,
        slot=Slot(1, "09:45", STORSALEN),
        co_owners=(USN,),
        speakers=("Eirik Sannes", "Marte Lindgren"),
    ),
    DemoSession(
        "Kompetanse som holder hjulene i gang",
        "panel",
        45,
        NHO,
        ("S2", "I1"),
        "Industrien, helsesektoren og byggenæringen trenger flere fagarbeidere de neste ti årene. "
        "Hvordan kan arbeidsgivere, fagbevegelsen og NAV sammen sørge for at flere fullfører "
        "utdanning og får fast jobb i Telemark?",
        call=ACCEPTED,
        slot=Slot(1, "10:30", STORSALEN),
        co_owners=(LO, NAV),
        speakers=("Håkon Strand", "Lise Moen Aas", "Yasmin Farah"),
    ),
    DemoSession(
        "Kaffepause",
        "break",
        15,
        None,
        (),
        "",
        call=ACCEPTED,
        slot=Slot(1, "11:15", STORSALEN),
    ),
    # Day 1 — parallel sessions before lunch
    DemoSession(
        "Hydrogen og prosessindustri i Grenland – status og veivalg",
        "parallel",
        60,
        IN,
        ("N1", "S1"),
        "Grenland har en av landets største industriklynger. Hvilke hydrogenprosjekter er i gang, "
        "hva skal til for at de blir lønnsomme, og hvordan kan virkemiddelapparatet spille på lag "
        "med bedriftene?",
        call=SUBMITTED,
        slot=Slot(1, "11:30", STORSALEN),
        co_owners=(USN,),
        speakers=("Jonas Berntsen", "Camilla Øyen"),
    ),
    DemoSession(
        "Fagbrev på jobb – voksne inn i læreløp",
        "parallel",
        60,
        LO,
        ("S2", "I1"),
        "Mange voksne har lang erfaring, men mangler fagbrev. Vi viser hvordan «fagbrev på jobb» "
        "fungerer i praksis, og hva bedrifter, tillitsvalgte og fylkeskommunen kan gjøre for at "
        "flere tar det.",
        call=CHANGES,
        slot=Slot(1, "11:30", SALONG_1),
        co_owners=(COUNTY_SLUG,),
        speakers=("Lise Moen Aas", "Silje Vrålstad"),
    ),
    DemoSession(
        "Unge utenfor: hva virker i Telemark?",
        "parallel",
        60,
        NAV,
        ("I1", "I2"),
        "Telemark har for mange unge som verken er i arbeid eller utdanning. NAV og Skien "
        "kommune deler erfaringer fra tett oppfølging, arbeidstrening og samarbeid med lokale "
        "arbeidsgivere.",
        call=SUBMITTED,
        slot=Slot(1, "11:30", SALONG_2),
        co_owners=(SKIEN,),
        speakers=("Tor Einar Bakken",),
    ),
    DemoSession(
        "Lunsj (dag 1)",
        "break",
        45,
        None,
        (),
        "Lunsj i foajeen. Si fra om allergier og spesialkost ved påmelding.",
        call=ACCEPTED,
        slot=Slot(1, "12:30", STORSALEN),
    ),
    # Day 1 — parallel sessions after lunch
    DemoSession(
        "Forskning og næringsliv hånd i hånd: USN som regional motor",
        "parallel",
        60,
        USN,
        ("S2", "S1"),
        "Hvordan kan universitetet og bedriftene i Telemark samarbeide tettere om forskning, "
        "praksisplasser og etter- og videreutdanning? Eksempler fra Porsgrunn, Bø og Notodden.",
        call=SUBMITTED,
        slot=Slot(1, "13:15", STORSALEN),
        co_owners=(NHO,),
        speakers=("Kristin Aabø", "Marte Lindgren"),
    ),
    DemoSession(
        "Reiseliv og stadutvikling i Vest-Telemark",
        "parallel",
        60,
        VINJE,
        ("S1", "I3"),
        "Reiselivet og hyttene gjev liv i Vest-Telemark, men mange av arbeidsplassane er "
        "sesongbaserte. Korleis kan vi nytte reiselivet til å skape heilårsarbeidsplassar og "
        "levande sentrum, utan at naturen og lokalsamfunnet tek skade? Vi deler røynsler frå "
        "Rauland og Haukeli.",
        call=DRAFT,
        slot=Slot(1, "13:15", SALONG_1),
        language="nn",
        speakers=("Olav Haugland",),
    ),
    DemoSession(
        "Arealnøytralitet i praksis – korleis ta vare på naturen når kommunen veks?",
        "parallel",
        60,
        SF,
        ("N2",),
        "Fleire kommunar i Telemark vil bli arealnøytrale. Kva betyr det for arealplanane, og "
        "korleis kan vi gjere gode val når nye hyttefelt, næringsområde og vegar skal plasserast? "
        "Statsforvaltaren går gjennom verktøy og gode døme.",
        call=SUBMITTED,
        slot=Slot(1, "13:15", SALONG_2),
        language="nn",
        co_owners=(VINJE,),
        speakers=("Ingebjørg Midtbø",),
    ),
    DemoSession(
        "Grønne lokalsamfunn: klimabudsjett i små kommuner",
        "parallel",
        60,
        KS,
        ("N1", "I3"),
        "Klimabudsjett er ikke bare for de store byene. Vi viser hvordan små kommuner har laget "
        "enkle klimabudsjett som faktisk brukes i økonomiplanen.",
        call=CHANGES,
        after=WITHDRAWN,  # cancelled on the day: the speaker fell ill
        slot=Slot(1, "13:15", VERKSTED),
        speakers=("Anders Myrvold",),
    ),
    DemoSession(
        "Pause med frukt",
        "break",
        15,
        None,
        (),
        "",
        call=ACCEPTED,
        slot=Slot(1, "14:15", STORSALEN),
    ),
    # Day 1 — workshops
    DemoSession(
        "Verksted: Felles innsats mot utenforskap – hvem gjør hva i 2027?",
        "workshop",
        60,
        NAV,
        ("I1",),
        "Et arbeidsverksted der deltakerne kartlegger hva hver organisasjon allerede gjør mot "
        "utenforskap, finner hull og dobbeltarbeid, og foreslår tre felles tiltak for 2027.",
        call=SUBMITTED,
        slot=Slot(1, "14:30", VERKSTED),
        co_owners=(KS, COUNTY_SLUG),
        speakers=("Yasmin Farah", "Petter Engen"),
        capacity=40,
    ),
    DemoSession(
        "Verkstad: Kulturarv som drivkraft for lokalsamfunn",
        "workshop",
        60,
        COUNTY_SLUG,
        ("S3", "I3"),
        "Stavkyrkjer, Telemarkskanalen og levande folkemusikk: kulturarven er ein ressurs for "
        "bulyst og næring. I verkstaden arbeider vi i grupper med korleis kommunar, lag og "
        "næringsliv kan bruke kulturarven saman.",
        call=DRAFT,
        slot=Slot(1, "14:30", SALONG_1),
        language="nn",
        co_owners=(VINJE,),
        speakers=("Torleiv Nordbø",),
        capacity=50,
    ),
    DemoSession(
        "Verksted: Kompetansebehov 2030 – hva trenger arbeidslivet?",
        "workshop",
        60,
        NHO,
        ("S2",),
        "Med utgangspunkt i NHOs kompetansebarometer og USNs studietilbud jobber vi i grupper "
        "med hvilke utdanninger Telemark trenger mer av, og hvem som kan ta ansvar for å få dem "
        "på plass.",
        call=SUBMITTED,
        slot=Slot(1, "14:30", SALONG_2),
        co_owners=(USN,),
        speakers=("Håkon Strand", "Kristin Aabø"),
        capacity=60,
    ),
    DemoSession(
        "Dagens oppsummering: hva tar vi med oss?",
        "plenary",
        30,
        COUNTY_SLUG,
        FOCUS,
        "Innspillene fra verkstedene samles og legges fram i plenum, som grunnlag for "
        "prioriteringsarbeidet på dag 2.",
        call=ACCEPTED,
        slot=Slot(1, "15:45", STORSALEN),
        speakers=("Eirik Sannes",),
    ),
    DemoSession(
        "Konferansemiddag",
        "social",
        180,
        COUNTY_SLUG,
        (),
        "Middag med kulturinnslag fra unge folkemusikere i Telemark.",
        call=ACCEPTED,
        slot=Slot(1, "19:00", STORSALEN),
    ),
    # Day 2
    DemoSession(
        "Naturrike Telemark: klimatilpassing når vêret vert villare",
        "plenary",
        45,
        SF,
        ("N3", "N2"),
        "Flaum, skred og tørke har alt ramma Telemark. Statsforvaltaren syner kva "
        "klimaframskrivingane tyder for fylket, og kva kommunane, fylkeskommunen og staten må "
        "gjere saman for å byggje robuste lokalsamfunn.",
        call=SUBMITTED,
        slot=Slot(2, "09:00", STORSALEN),
        language="nn",
        speakers=("Ingebjørg Midtbø",),
    ),
    DemoSession(
        "Flaum, skred og beredskap – røynsler frå Vest-Telemark",
        "parallel",
        60,
        VINJE,
        ("N3",),
        "Då ekstremvêret kom, vart vegar stengde og bygder isolerte. Beredskapskoordinatoren i "
        "Vinje fortel kva som fungerte, kva som svikta, og kva samarbeidet med nabokommunane har "
        "lært oss.",
        call=CHANGES,
        slot=Slot(2, "09:45", SALONG_1),
        language="nn",
        speakers=("Sigrid Hovde", "Gunnhild Kvålen"),
    ),
    DemoSession(
        "Bolyst og tilflytting: slik får vi unge voksne til å bli",
        "parallel",
        60,
        KS,
        ("I3",),
        "Hva får unge voksne til å flytte hjem igjen – eller bli? Vi ser på boliger, jobber for "
        "to, barnehage og fritidstilbud, med eksempler fra kommuner i hele Telemark.",
        call=SUBMITTED,
        slot=Slot(2, "09:45", SALONG_2),
        co_owners=(SKIEN,),
        speakers=("Petter Engen",),
    ),
    DemoSession(
        "Folkehelse i alle ledd – frivilligheten som ressurs",
        "parallel",
        60,
        COUNTY_SLUG,
        ("I2",),
        "Frivillige lag og foreninger når folk det offentlige ikke når. Hvordan kan kommunene og "
        "fylkeskommunen samarbeide bedre med frivilligheten om møteplasser, fysisk aktivitet og "
        "mot ensomhet?",
        call=SUBMITTED,
        slot=Slot(2, "09:45", VERKSTED),
        speakers=("Nora Salvesen",),
        capacity=40,
    ),
    DemoSession(
        "Pause og nettverksprat",
        "break",
        15,
        None,
        (),
        "",
        call=ACCEPTED,
        slot=Slot(2, "10:45", STORSALEN),
    ),
    DemoSession(
        "Prioriteringsverksted: satsingsområdene for 2027",
        "workshop",
        60,
        COUNTY_SLUG,
        FOCUS,
        "Alle deltakerne jobber ved bordene med de tre satsingsområdene. Hvert bord foreslår to "
        "prioriteringer for 2027 og hvem som skal ha ansvaret. Forslagene stemmes over etter "
        "lunsj.",
        call=ACCEPTED,
        slot=Slot(2, "11:00", STORSALEN),
        co_owners=(KS,),
        speakers=("Randi Tveitå Holm", "Eirik Sannes"),
    ),
    DemoSession(
        "Verkstad: Grøn omstilling i landbruket og trenæringa",
        "workshop",
        60,
        IN,
        ("N1", "S1"),
        "Korleis kan gardsbruk og trebedrifter i Telemark kutte utslepp og samstundes tene meir? "
        "Vi arbeider med konkrete døme, mellom anna frå ein trevareprodusent i Kviteseid.",
        call=DRAFT,
        slot=Slot(2, "11:00", SALONG_1),
        language="nn",
        co_owners=(SF,),
        speakers=("Jonas Berntsen", "Aslak Rue"),
        capacity=50,
    ),
    DemoSession(
        "Lunsj (dag 2)",
        "break",
        45,
        None,
        (),
        "",
        call=ACCEPTED,
        slot=Slot(2, "12:00", STORSALEN),
    ),
    DemoSession(
        "Samarbeid på tvers: hvem gjør hva i 2027?",
        "panel",
        60,
        KS,
        ("I1", "S1"),
        "Ledere fra KS, NHO, LO og NAV svarer på prioriteringene fra verkstedet: hva forplikter "
        "hver enkelt organisasjon seg til, og hvordan unngår vi dobbeltarbeid?",
        call=SUBMITTED,
        slot=Slot(2, "12:45", STORSALEN),
        co_owners=(NHO, LO, NAV),
        speakers=("Petter Engen", "Håkon Strand", "Lise Moen Aas", "Yasmin Farah"),
    ),
    DemoSession(
        "Prioriteringer for 2027 og avslutning",
        "plenary",
        30,
        COUNTY_SLUG,
        FOCUS,
        "Fylkeskommunen oppsummerer prioriteringene og oppfølgingspunktene konferansen ble enig "
        "om, og forteller hvordan de følges opp fram til Møteplass Telemark 2027.",
        call=ACCEPTED,
        slot=Slot(2, "13:45", STORSALEN),
        speakers=("Randi Tveitå Holm",),
    ),
    # Proposals that did not make the programme
    DemoSession(
        "Digital inkludering av eldre",
        "parallel",
        45,
        NAV,
        ("I2",),
        "Stadig flere tjenester er bare digitale. Hvordan kan vi sikre at eldre ikke faller "
        "utenfor?",
        call=SUBMITTED,
        programme=DECLINED,
    ),
    DemoSession(
        "Sykkelturisme langs Telemarkskanalen",
        "parallel",
        45,
        SKIEN,
        ("S1", "N1"),
        "Et forslag om å utvikle en sammenhengende sykkelrute fra Skien til Dalen.",
        call=DRAFT,
        programme=WITHDRAWN,
    ),
    DemoSession(
        "Ny E134 – ringvirkninger for næringslivet",
        "parallel",
        60,
        NHO,
        ("S1",),
        "Hva betyr kortere reisetid mellom Øst- og Vestlandet for bedriftene langs E134?",
        call=CHANGES,
        programme=DECLINED,
    ),
]


# --- Demo log-ins ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUser:
    email: str
    first_name: str
    last_name: str
    role: str  # shown in the log-in table
    language: str = "nb"
    organisation: str | None = None
    membership_role: str = "editor"
    is_adviser: bool = False


USERS = [
    DemoUser(
        "radgiver@demo.moteplass.no",
        "Solveig",
        "Aasen",
        "Adviser (rådgiver), Telemark fylkeskommune",
        organisation=COUNTY_SLUG,
        membership_role="coordinator",
        is_adviser=True,
    ),
    DemoUser(
        "koordinator@demo.moteplass.no",
        "Henrik",
        "Lia",
        "Partner coordinator, NHO Vestfold og Telemark",
        organisation=NHO,
        membership_role="coordinator",
    ),
    DemoUser(
        "redaktor@demo.moteplass.no",
        "Ragnhild",
        "Grave",
        "Partner editor, Vinje kommune (nynorsk)",
        language="nn",
        organisation=VINJE,
        membership_role="editor",
    ),
    DemoUser(
        "deltaker@demo.moteplass.no",
        "Amir",
        "Haddad",
        "Participant (deltaker), no organisation",
    ),
]

DEMO_EMAILS = [entry.email for entry in USERS]


# Invitees on the conference's invitation list from the stage "programme" on: (first name,
# last name, email, organisation name, municipality, written standard or "").
INVITEES = [
    ("Astrid", "Haugland", "astrid.haugland@demo.example.no", "Vinje kommune", "Vinje", ""),
    ("Bjørn", "Tveit", "bjorn.tveit@demo.example.no", "Skien kommune", "Skien", ""),
    ("Guro", "Kleppe", "guro.kleppe@demo.example.no", "Kviteseid kommune", "Kviteseid", "nn"),
    ("Håkon", "Berge", "hakon.berge@demo.example.no", "Porsgrunn kommune", "Porsgrunn", "nb"),
    ("Ingrid", "Aasland", "ingrid.aasland@demo.example.no", "Notodden kommune", "Notodden", ""),
    ("Jon", "Moen", "jon.moen@demo.example.no", "Grenland Hydrogenlab AS", "Porsgrunn", ""),
    ("Kjersti", "Lia", "kjersti.lia@demo.example.no", "Fjellbjørk Trevare AS", "Seljord", ""),
    ("Lars", "Øygarden", "lars.oygarden@demo.example.no", "", "Tokke", ""),
    ("Marte", "Solberg", "marte.solberg@demo.example.no", "", "Bamble", "en"),
    ("Nils", "Dalen", "nils.dalen@demo.example.no", "", "Fyresdal", ""),
]


# Review at the stage "call" and later: comments between advisers and partners, one internal note.
COMMENTS = [
    DemoComment(
        "Flaum, skred og beredskap – røynsler frå Vest-Telemark",
        "radgiver@demo.moteplass.no",
        "Takk for eit godt framlegg! Kan de korte det ned til 45 minutt og seie litt meir om kva "
        "nabokommunane kan ta med seg heim?",
    ),
    DemoComment(
        "Flaum, skred og beredskap – røynsler frå Vest-Telemark",
        "redaktor@demo.moteplass.no",
        "Det skal vi få til. Vi sender inn eit nytt framlegg før fristen.",
    ),
    DemoComment(
        "Flaum, skred og beredskap – røynsler frå Vest-Telemark",
        "radgiver@demo.moteplass.no",
        "Internt: passar godt i same spor som klimatilpassingsplenumet dag 2.",
        internal=True,
    ),
    DemoComment(
        "Kompetanse som holder hjulene i gang",
        "radgiver@demo.moteplass.no",
        "Godtatt. Vi setter panelet i Storsalen første dag.",
    ),
]

# An open change request from NHO's coordinator on their accepted panel.
CHANGE_REQUEST = {
    "session": "Kompetanse som holder hjulene i gang",
    "by": "koordinator@demo.moteplass.no",
    "title": "Kompetanse som holder hjulene i gang – fagarbeidere til industri og helse",
    "speaker": {
        "name": "Ole Kristian Bratsberg",
        "title": "Fagforbundsleder",
        "organisation": "LO Vestfold og Telemark",
        "email": "",
    },
}


# --- Registrations (from the stage "programme" on) ------------------------------------------------
# Generated participants: the name lists are combined in order, organisations and municipalities
# rotate (a few municipalities keep nobody, so the adviser's summary has something to flag).
PARTICIPANT_FIRST_NAMES = [
    "Anne",
    "Bjørnar",
    "Camilla",
    "Dag",
    "Eli",
    "Frode",
    "Gunhild",
    "Halvor",
    "Ida",
    "Jørund",
    "Kari",
    "Leif",
    "Mona",
    "Nils Olav",
    "Oda",
    "Per",
    "Ragnhild",
    "Sindre",
    "Tone",
    "Åsmund",
    "Ánde",
    "Siri",
]
PARTICIPANT_LAST_NAMES = [
    "Aasen",
    "Bakke",
    "Dahle",
    "Flatland",
    "Grave",
    "Haugen",
    "Kvåle",
    "Lunde",
    "Midtbø",
    "Nordbø",
    "Rui",
    "Sølvberg",
    "Tveiten",
    "Vågslid",
    "Øverland",
]
PARTICIPANT_ORGANISATIONS = [
    "skien-kommune",
    "porsgrunn-kommune",
    "notodden-kommune",
    "vinje-kommune",
    NHO,
    LO,
    KS,
    NAV,
    SF,
    IN,
    USN,
    "frivillighet-norge",
    "kviteseid-kommune",
]
PARTICIPANTS = 64
# The workshop that fills up (40 places: 43 want it, 3 wait) and the one nearly full (37 of 40).
FULL_WORKSHOP = "Verksted: Felles innsats mot utenforskap – hvem gjør hva i 2027?"
FULL_WORKSHOP_WANTED = 43
NEARLY_FULL_WORKSHOP = "Folkehelse i alle ledd – frivilligheten som ressurs"
NEARLY_FULL_WANTED = 37
# At "after": everyone confirmed is checked in on the first morning except these many no-shows.
NO_SHOWS = 5
# The demo user who is a participant: registered with their account.
DEMO_PARTICIPANT = "deltaker@demo.moteplass.no"
