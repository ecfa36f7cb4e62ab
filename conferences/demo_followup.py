"""Demo data for the follow-up of Møteplass Telemark 2026 (``seed_demo --stage after``): the
priorities the conference agreed for 2027, the commitments under them with varied statuses, which
network runs which session and who coordinates each network. Written by
``conferences/management/commands/seed_demo.py`` through the follow-up domain."""

import datetime as dt
from dataclasses import dataclass

COUNTY = "telemark-fylkeskommune"
NHO = "nho-vestfold-og-telemark"
NAV = "nav-vestfold-og-telemark"
KS = "ks-vestfold-og-telemark"
USN = "usn"
VINJE = "vinje-kommune"
SKIEN = "skien-kommune"
LO = "lo-vestfold-og-telemark"
SF = "statsforvalteren-vestfold-og-telemark"
IN = "innovasjon-norge-vestfold-og-telemark"

NAERINGSKOLLEGIET = "telemark-naeringskollegiet"
INKLUDERING = "inkluderingsdager-telemark"
KLIMA = "klima-og-miljonettverket"
FOLKEHELSE = "folkehelsenettverket"

# network → its coordinating organisation (people there update the network's commitments)
NETWORK_LEADS = {
    NAERINGSKOLLEGIET: NHO,
    INKLUDERING: NAV,
    KLIMA: VINJE,
    FOLKEHELSE: KS,
}

# programme item title → the network that runs it
SESSION_NETWORKS = {
    "Unge utenfor: hva virker i Telemark?": INKLUDERING,
    "Verksted: Felles innsats mot utenforskap – hvem gjør hva i 2027?": INKLUDERING,
    "Hydrogen og prosessindustri i Grenland – status og veivalg": NAERINGSKOLLEGIET,
    "Verksted: Kompetansebehov 2030 – hva trenger arbeidslivet?": NAERINGSKOLLEGIET,
    "Arealnøytralitet i praksis – korleis ta vare på naturen når kommunen veks?": KLIMA,
    "Grønne lokalsamfunn: klimabudsjett i små kommuner": KLIMA,
    "Naturrike Telemark: klimatilpassing når vêret vert villare": KLIMA,
    "Folkehelse i alle ledd – frivilligheten som ressurs": FOLKEHELSE,
}


@dataclass(frozen=True)
class DemoStatus:
    state: str
    note: str
    by: str  # email of the demo user who changed it


@dataclass(frozen=True)
class DemoCommitment:
    title_nb: str
    title_nn: str
    due: dt.date
    organisation: str | None = None
    network: str | None = None
    contributors: tuple[str, ...] = ()
    description_nb: str = ""
    description_nn: str = ""
    statuses: tuple[DemoStatus, ...] = ()


@dataclass(frozen=True)
class DemoPriority:
    title_nb: str
    title_nn: str
    description_nb: str
    description_nn: str
    goals: tuple[str, ...]
    sessions: tuple[str, ...]
    commitments: tuple[DemoCommitment, ...]


ADVISER = "radgiver@demo.moteplass.no"
NHO_COORDINATOR = "koordinator@demo.moteplass.no"
VINJE_EDITOR = "redaktor@demo.moteplass.no"

PRIORITIES = [
    DemoPriority(
        "Flere unge i arbeid og utdanning",
        "Fleire unge i arbeid og utdanning",
        "Unge som står utenfor arbeid og utdanning skal få ett sammenhengende tilbud, uansett "
        "hvilken kommune de bor i.",
        "Unge som står utanfor arbeid og utdanning skal få eitt samanhengande tilbod, same kva "
        "kommune dei bur i.",
        ("I1", "I3"),
        (
            "Unge utenfor: hva virker i Telemark?",
            "Verksted: Felles innsats mot utenforskap – hvem gjør hva i 2027?",
        ),
        (
            DemoCommitment(
                "Inkluderingsdager i alle fire regioner i 2027",
                "Inkluderingsdagar i alle fire regionane i 2027",
                dt.date(2027, 9, 30),
                network=INKLUDERING,
                contributors=(NHO, LO, KS),
                statuses=(
                    DemoStatus(
                        "in_progress",
                        "Datoer er satt for Grenland og Vest-Telemark; Midt- og Øst-Telemark "
                        "avklares i januar.",
                        ADVISER,
                    ),
                ),
            ),
            DemoCommitment(
                "Felles oppfølgingsteam for unge utenfor i Grenland",
                "Felles oppfølgingsteam for unge utanfor i Grenland",
                dt.date(2027, 3, 31),
                organisation=NAV,
                contributors=(SKIEN, COUNTY),
            ),
            DemoCommitment(
                "50 nye lærlingplasser i industrien",
                "50 nye lærlingplassar i industrien",
                dt.date(2027, 6, 30),
                organisation=NHO,
                contributors=(LO, COUNTY),
                statuses=(
                    DemoStatus(
                        "in_progress",
                        "22 plasser er meldt inn så langt. Vi følger opp de største bedriftene.",
                        NHO_COORDINATOR,
                    ),
                ),
            ),
        ),
    ),
    DemoPriority(
        "Kompetanse for grønn omstilling",
        "Kompetanse for grøn omstilling",
        "Arbeidslivet i Telemark trenger fagfolk til hydrogen, prosessindustri og bygg. "
        "Utdanningstilbudet skal treffe behovene i 2030.",
        "Arbeidslivet i Telemark treng fagfolk til hydrogen, prosessindustri og bygg. "
        "Utdanningstilbodet skal treffe behova i 2030.",
        ("S2", "N1"),
        (
            "Hydrogen og prosessindustri i Grenland – status og veivalg",
            "Verksted: Kompetansebehov 2030 – hva trenger arbeidslivet?",
        ),
        (
            DemoCommitment(
                "Felles kartlegging av kompetansebehov i prosessindustrien",
                "Felles kartlegging av kompetansebehov i prosessindustrien",
                dt.date(2027, 4, 30),
                network=NAERINGSKOLLEGIET,
                contributors=(USN, IN),
                statuses=(
                    DemoStatus(
                        "done",
                        "Kartleggingen er levert og lagt fram for Næringskollegiet.",
                        NHO_COORDINATOR,
                    ),
                ),
            ),
            DemoCommitment(
                "Nytt etter- og videreutdanningstilbud i hydrogenteknologi",
                "Nytt etter- og vidareutdanningstilbod i hydrogenteknologi",
                dt.date(2027, 8, 15),
                organisation=USN,
                contributors=(NHO,),
            ),
            DemoCommitment(
                "Felles stand på utdanningsmessen i Skien",
                "Felles stand på utdanningsmessa i Skien",
                dt.date(2027, 1, 31),
                network=NAERINGSKOLLEGIET,
                statuses=(
                    DemoStatus(
                        "dropped",
                        "Messen er avlyst i 2027. Vi bruker heller skolebesøk.",
                        NHO_COORDINATOR,
                    ),
                ),
            ),
        ),
    ),
    DemoPriority(
        "Natur og klima i all arealplanlegging",
        "Natur og klima i all arealplanlegging",
        "Kommunene skal ta hensyn til naturmangfold og klimatilpasning i hver arealplan, med "
        "felles verktøy og råd fra regionale myndigheter.",
        "Kommunane skal ta omsyn til naturmangfald og klimatilpassing i kvar arealplan, med "
        "felles verktøy og råd frå regionale styresmakter.",
        ("N2", "N3"),
        (
            "Arealnøytralitet i praksis – korleis ta vare på naturen når kommunen veks?",
            "Naturrike Telemark: klimatilpassing når vêret vert villare",
        ),
        (
            DemoCommitment(
                "Naturregnskap prøvd ut i tre kommuner",
                "Naturrekneskap prøvd ut i tre kommunar",
                dt.date(2027, 2, 28),
                network=KLIMA,
                contributors=(SF, USN, SKIEN),
                description_nb="Vinje, Skien og Porsgrunn prøver ut naturregnskap i 2027.",
                description_nn="Vinje, Skien og Porsgrunn prøver ut naturrekneskap i 2027.",
            ),
            DemoCommitment(
                "Felles klimabudsjettmal for små kommuner",
                "Felles klimabudsjettmal for små kommunar",
                dt.date(2027, 5, 31),
                network=KLIMA,
                contributors=(KS,),
                statuses=(
                    DemoStatus(
                        "in_progress",
                        "Eit utkast til mal er sendt på høyring til kommunane.",
                        VINJE_EDITOR,
                    ),
                ),
            ),
        ),
    ),
    DemoPriority(
        "Frivilligheten som ressurs for folkehelse",
        "Frivilligheita som ressurs for folkehelse",
        "Kommuner og frivillige organisasjoner skal samarbeide tettere om gode levekår og "
        "møteplasser for alle aldre.",
        "Kommunar og frivillige organisasjonar skal samarbeide tettare om gode levekår og "
        "møteplassar for alle aldrar.",
        ("I2",),
        ("Folkehelse i alle ledd – frivilligheten som ressurs",),
        (
            DemoCommitment(
                "Frivillighetsforum i hver region",
                "Frivilligheitsforum i kvar region",
                dt.date(2027, 10, 31),
                network=FOLKEHELSE,
                contributors=(KS,),
            ),
        ),
    ),
]
