"""The demo arena of Buskerud county's invitation, as plain data for `seed_demo`.

Its measures are in `measures.demo_measures`.
"""

import datetime

ARENA = {
    "slug": "buskerud-yrkesdeltagelse",
    "title": "Arena for økt yrkesdeltagelse i Buskerud",
    "venue": "Union Scene, Drammen",
    "start_date": datetime.date(2027, 2, 10),
    "end_date": datetime.date(2027, 2, 11),
    "join_code": "BUS7Q4K",
    "purpose": (
        "Vi som er prosjektledere for Regional plan for kunnskapssamfunnet og Regional plan for "
        "verdiskaping og næringsutvikling samler viktige aktører for begge planene for å "
        "diskutere økt yrkesdeltagelse i Buskerud. Dette er en felles målsetting for de to "
        "planene, og vi vil bruke disse to dagene til å konkretisere tiltak og prosjekter – "
        "fra planer til konkret handling.\n\n"
        "Økt yrkesdeltagelse kan handle om at færre havner utenfor arbeidslivet, og at de som "
        "står utenfor, får tiltak som gjør at de kommer i arbeid. Vi snakker i hovedsak om unge "
        "og unge voksne, men også innvandrere og personer med nedsatt funksjonsevne er en del "
        "av arbeidskraftreserven."
    ),
    "privacy_text": (
        "Vi lagrer navnet ditt, hvilken organisasjon du representerer og hvilket bord du sitter "
        "ved, slik at gruppen ser hvem som har skrevet hva. E-post er valgfritt og brukes bare "
        "til å sende deg lenken din. Buskerud fylkeskommune er behandlingsansvarlig. "
        "Opplysningene slettes 24 måneder etter arenaen."
    ),
}

PLANS = [
    {
        "title": "Regional plan for kunnskapssamfunnet",
        "short_name": "Kunnskapssamfunnet",
        "opportunity_area": (
            "Der skole, arbeidsliv og forvaltning jobber sammen om kompetanse for framtiden."
        ),
        "goals": [
            "Flere fullfører videregående opplæring",
            "Befolkningen har den basiskompetansen arbeidslivet trenger",
            "Utdanningssystemet er fleksibelt og endringsdyktig",
        ],
    },
    {
        "title": "Regional plan for verdiskaping og næringsutvikling",
        "short_name": "Verdiskaping",
        "opportunity_area": "Der næringsliv og offentlige aktører finner nye løsninger sammen.",
        "goals": [
            "Næringslivet får tilgang på riktig kompetanse",
            "Økt yrkesdeltagelse i befolkningen",
        ],
    },
]

PROBLEM_AREAS = [
    "Bidra til å heve basiskompetansen i befolkningen og i bedriftene",
    "Øke gjennomføringsgrad i videregående opplæring, særlig innen yrkesfagene",
    "At skole og utdanningssystemet setter fokus på basiskompetanse for å dekke bedriftenes "
    "behov for kompetanse",
    "Økt yrkesdeltagelse i arbeidslivet blant Buskeruds befolkning",
    "At utdanningssystemet i Buskerud utdanner den kompetansen som nærings- og arbeidslivet i "
    "Buskerud har behov for",
    "At utdanningssystemet bidrar til nødvendig fleksibilitet og endringskompetanse",
]

TARGET_GROUPS = ["Unge", "Unge voksne", "Innvandrere", "Personer med nedsatt funksjonsevne"]

# (name, kind, municipality)
ORGANISATIONS = [
    ("Buskerud fylkeskommune", "fylkeskommune", "Drammen"),
    ("NAV Buskerud", "statlig", "Drammen"),
    ("Drammen kommune", "kommune", "Drammen"),
    ("Kongsberg kommune", "kommune", "Kongsberg"),
    ("Ringerike kommune", "kommune", "Ringerike"),
    ("Lier kommune", "kommune", "Lier"),
    ("Øvre Eiker kommune", "kommune", "Øvre Eiker"),
    ("Modum kommune", "kommune", "Modum"),
    ("Hol kommune", "kommune", "Hol"),
    ("Drammen videregående skole", "vgs", "Drammen"),
    ("Kongsberg videregående skole", "vgs", "Kongsberg"),
    ("Hønefoss videregående skole", "vgs", "Ringerike"),
    ("Universitetet i Sørøst-Norge", "uh", "Kongsberg"),
    ("Fagskolen i Viken, Kongsberg", "uh", "Kongsberg"),
    ("NHO Buskerud", "arbeidsgiver", "Drammen"),
    ("LO i Buskerud", "arbeidstaker", "Drammen"),
    ("KS Buskerud", "arbeidsgiver", "Drammen"),
    ("IMDi Sør", "statlig", "Drammen"),
    ("Karrieresenteret i Buskerud", "fylkeskommune", "Drammen"),
    ("Opplæringskontoret for industrifag i Buskerud", "naeringsliv", "Kongsberg"),
    ("Kongsberg Teknologipark", "naeringsliv", "Kongsberg"),
    ("Drammen Næringsforening", "naeringsliv", "Drammen"),
    ("Røde Kors Buskerud", "frivillig", "Drammen"),
    ("Kirkens Bymisjon Drammen", "frivillig", "Drammen"),
]

GROUPS = ["Bord 1", "Bord 2", "Bord 3", "Bord 4", "Bord 5", "Bord 6"]

# (day index, start, end, title, kind, allows editing, instructions)
PROGRAM = [
    (
        0,
        "09:30",
        "10:00",
        "Velkommen og bakgrunn",
        "plenary",
        False,
        "Prosjektlederne for de to regionale planene ønsker velkommen.",
    ),
    (
        0,
        "10:15",
        "11:30",
        "Gruppearbeid 1: problemstillinger",
        "group_work",
        True,
        "Velg en problemstilling ved bordet og lag ett eller flere tiltak. Svar på de seks "
        "spørsmålene så godt dere kan – det er lov å la noe stå åpent.",
    ),
    (
        0,
        "12:15",
        "13:30",
        "Gruppearbeid 2: aktører og roller",
        "group_work",
        True,
        "Hvem må være med for at tiltaket skal skje? Legg til aktørene og hva hver av dem "
        "skal gjøre.",
    ),
    (
        0,
        "13:45",
        "14:45",
        "Gallerivandring",
        "gallery_walk",
        False,
        "Gå rundt og les de andre bordenes tiltak. Kommenter, og si fra hvis organisasjonen din "
        "vil være med.",
    ),
    (
        1,
        "09:00",
        "10:30",
        "Gruppearbeid 3: mål, finansiering og tidsperspektiv",
        "group_work",
        True,
        "Gjør tiltakene ferdige: mål, hvem som kan finansiere, og hvor langsiktig det er.",
    ),
    (
        1,
        "10:45",
        "11:30",
        "Prioritering",
        "prioritisation",
        False,
        "Du har tre prikker. Sett dem på tiltakene du mener er viktigst å komme i gang med.",
    ),
    (
        1,
        "11:30",
        "12:00",
        "Oppsummering og veien videre",
        "summary",
        False,
        "Hvilke tiltak går videre, og hvem tar ansvar?",
    ),
]

STAFF = [
    # username, first name, last name, role, password
    ("fasilitator", "Fasilitator", "Demo", "facilitator", "demo-fasilitator"),
    ("prosjektleder", "Prosjektleder", "Demo", "project_lead", "demo-prosjektleder"),
    # The county's IT: a superuser for the Django admin, in no arena.
    ("admin", "IT", "Demo", "admin", "demo-admin"),
]

PARTICIPANTS = [
    # display name, organisation, group index
    ("Ingrid Hansen", "Buskerud fylkeskommune", 0),
    ("Ola Nordmann", "NHO Buskerud", 0),
    ("Fatima Ali", "NAV Buskerud", 1),
    ("Per Olsen", "Kongsberg videregående skole", 1),
    ("Kari Berg", "Drammen kommune", 2),
    ("Jonas Lie", "LO i Buskerud", 2),
    ("Sara Nilsen", "Universitetet i Sørøst-Norge", 3),
    ("Ahmed Hassan", "IMDi Sør", 3),
    ("Marte Johansen", "Opplæringskontoret for industrifag i Buskerud", 4),
    ("Erik Dahl", "Ringerike kommune", 4),
    ("Liv Strand", "Røde Kors Buskerud", 5),
    ("Thomas Bakke", "Karrieresenteret i Buskerud", 5),
]
