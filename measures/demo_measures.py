"""The demo arena's measures, as plain data for `seed_demo` (the arena itself is in
`measures.demo_data`).

The measures are invented but plausible; their completeness varies on purpose, so that the
facilitation board and the summary have something to show.
"""

import datetime

# Each measure: its group, problem areas (indexes), target groups (indexes), direction, status,
# the six answers (any may be missing), and the participant who wrote it.
MEASURES = [
    {
        "title": "Felles formidling av læreplasser",
        "group": 0,
        "problem_areas": [1, 4],
        "target_groups": [0],
        "direction": "prevent",
        "status": "agreed",
        "author": "Ingrid Hansen",
        "description": (
            "Mange lærlingplasser i industrien står tomme, mens elever på yrkesfag ikke får "
            "læreplass. Vi vil lage en felles formidlingsordning mellom skolene og bedriftene."
        ),
        "actors": [
            ("Buskerud fylkeskommune", "lead", "Eier ordningen og koordinerer formidlingen"),
            ("NHO Buskerud", "partner", "Rekrutterer bedrifter"),
            ("NAV Buskerud", "contributor", "Følger opp unge utenfor skole og arbeid"),
            ("Opplæringskontoret for industrifag i Buskerud", "partner", "Finner læreplasser"),
        ],
        "way_of_working": "Månedlig formidlingsmøte per region med skoler og bedrifter.",
        "arenas_to_develop": "Formidlingsmøte per region\nFelles søkerliste for læreplass",
        "arenas_to_discontinue": "Det gamle rådet for fag- og yrkesopplæring slås sammen med dette",
        "goal": "80 % av søkerne til læreplass får plass innen 1. oktober 2027.",
        "indicators": [("Andel søkere med læreplass", "80 %", datetime.date(2027, 10, 1))],
        "fundings": [
            ("Buskerud fylkeskommune", "", "own_budget", "committed", 1500000),
            ("", "HK-dir", "grant", "asked", None),
        ],
        "horizon": "medium",
        "start": (2027, "autumn"),
        "end": (2029, "spring"),
        "contact": ("Ingrid Hansen", "ingrid.hansen@example.org"),
    },
    {
        "title": "Lese- og regnekurs på arbeidsplassen",
        "group": 0,
        "problem_areas": [0],
        "target_groups": [1, 2],
        "direction": "both",
        "status": "submitted",
        "author": "Ola Nordmann",
        "description": (
            "Mange voksne ansatte mangler grunnleggende ferdigheter i lesing, regning og "
            "digitale verktøy. Vi vil tilby korte kurs i arbeidstiden, tilpasset bedriftens "
            "hverdag."
        ),
        "actors": [
            ("NHO Buskerud", "lead", "Samler bedrifter som vil være med"),
            ("Karrieresenteret i Buskerud", "partner", "Kartlegger behov hos de ansatte"),
            ("LO i Buskerud", "partner", "Motiverer ansatte og tillitsvalgte"),
        ],
        "way_of_working": "Bedriftene melder behov, karrieresenteret kartlegger og kursene "
        "holdes på arbeidsplassen to timer i uka.",
        "goal": "300 ansatte i 20 bedrifter har fullført kurs innen utgangen av 2028.",
        "indicators": [("Ansatte som har fullført kurs", "300", datetime.date(2028, 12, 31))],
        "fundings": [("", "Kompetanseprogrammet (HK-dir)", "grant", "possible", None)],
        "horizon": "medium",
        "start": (2027, "autumn"),
        "end": (2028, "autumn"),
    },
    {
        "title": "Ungdomsgaranti med fast kontaktperson",
        "group": 1,
        "problem_areas": [3],
        "target_groups": [0, 1],
        "direction": "into_work",
        "status": "prioritised",
        "author": "Fatima Ali",
        "description": (
            "Unge som står utenfor skole og arbeid møter mange ulike hjelpere. Vi vil gi hver "
            "ungdom én fast kontaktperson som følger dem til de er i jobb eller utdanning."
        ),
        "actors": [
            ("NAV Buskerud", "lead", "Har kontaktpersonene"),
            ("Drammen kommune", "partner", "Stiller med oppfølgingstjenesten"),
            ("Buskerud fylkeskommune", "partner", "Oppfølgingstjenesten i videregående"),
        ],
        "way_of_working": "Felles team på tvers av NAV, kommune og fylkeskommune.",
        "arenas_to_develop": "Felles oppfølgingsteam for unge",
        "goal": "Halvparten av de unge i ordningen er i jobb eller utdanning etter ett år.",
        "fundings": [("NAV Buskerud", "", "own_budget", "possible", None)],
        "horizon": "long",
        "start": (2027, "spring"),
    },
    {
        "title": "Praksisplasser for innvandrere i kommunene",
        "group": 1,
        "problem_areas": [3],
        "target_groups": [2],
        "direction": "into_work",
        "status": "submitted",
        "author": "Per Olsen",
        "description": (
            "Mange voksne innvandrere i introduksjonsprogrammet får ikke praksis som leder til "
            "jobb. Kommunene kan tilby praksis i egne virksomheter med språkstøtte."
        ),
        "actors": [
            ("IMDi Sør", "contributor", "Deler erfaringer fra andre regioner"),
            ("Kongsberg kommune", "lead", "Tilbyr praksisplasser"),
        ],
        "goal": "40 praksisplasser per år, og halvparten fører til jobb.",
        "horizon": "medium",
    },
    {
        "title": "Yrkesfagløftet: flere fullfører",
        "group": 2,
        "problem_areas": [1],
        "target_groups": [0],
        "direction": "prevent",
        "status": "draft",
        "author": "Kari Berg",
        "description": (
            "For mange elever slutter på yrkesfag i Vg2. Vi vil gi elever som står i fare for å "
            "slutte tettere oppfølging og mer praksis tidlig."
        ),
        "actors": [
            ("Drammen videregående skole", "lead", "Følger opp elevene"),
            ("LO i Buskerud", "partner", "Forteller om fagene og arbeidslivet"),
        ],
        "way_of_working": "Mentorordning med lærlinger som mentorer for Vg1-elever.",
    },
    {
        "title": "Kompetansebehov i industrien – felles kartlegging",
        "group": 2,
        "problem_areas": [4],
        "target_groups": [],
        "direction": "prevent",
        "status": "submitted",
        "author": "Jonas Lie",
        "description": (
            "Skolene vet for lite om hvilken kompetanse industrien trenger om fem år. "
            "Vi vil lage en felles årlig kartlegging."
        ),
        "actors": [
            ("Kongsberg Teknologipark", "lead", "Samler bedriftene"),
            ("Universitetet i Sørøst-Norge", "partner", "Analyserer svarene"),
            ("Buskerud fylkeskommune", "financier", "Bruker resultatet i tilbudsstrukturen"),
        ],
        "goal": "En kartlegging hvert år fra 2027, brukt i skolenes tilbudsstruktur.",
        "fundings": [("Buskerud fylkeskommune", "", "co_funding", "possible", 400000)],
        "horizon": "long",
        "start": (2027, "spring"),
    },
    {
        "title": "Tilrettelagt arbeid for personer med nedsatt funksjonsevne",
        "group": 3,
        "problem_areas": [3],
        "target_groups": [3],
        "direction": "into_work",
        "status": "draft",
        "author": "Sara Nilsen",
        "description": (
            "Mange med nedsatt funksjonsevne vil jobbe, men arbeidsgivere vet ikke hvordan de kan "
            "tilrettelegge. Vi vil lage en veileder og en ordning med faste kontaktpersoner."
        ),
        "actors": [("NAV Buskerud", "lead", "Har kontakten med arbeidsgiverne")],
        "horizon": "short",
    },
    {
        "title": "Norsk og fag i samme løp",
        "group": 3,
        "problem_areas": [0, 5],
        "target_groups": [2],
        "direction": "both",
        "status": "submitted",
        "author": "Ahmed Hassan",
        "description": (
            "Voksne innvandrere må ofte bli ferdige med norskopplæringen før de kan begynne på "
            "et fag. Vi vil kombinere norsk og fagopplæring i samme løp."
        ),
        "actors": [
            ("IMDi Sør", "partner", "Faglige råd"),
            ("Fagskolen i Viken, Kongsberg", "lead", "Utvikler kombinerte løp"),
            ("Øvre Eiker kommune", "partner", "Voksenopplæringen"),
        ],
        "way_of_working": "Lærere i norsk og i fag planlegger sammen.",
        "goal": "To kombinerte løp i gang høsten 2027.",
        "fundings": [("IMDi Sør", "", "grant", "asked", 750000)],
        "horizon": "medium",
        "start": (2027, "autumn"),
        "end": (2030, "spring"),
    },
    {
        "title": "Sommerjobb for ungdom i Ringerike",
        "group": 4,
        "problem_areas": [3],
        "target_groups": [0],
        "direction": "prevent",
        "status": "draft",
        "author": "Erik Dahl",
        "description": "Første jobb gir erfaring og kontakter. Kommunen og næringslivet "
        "skaffer 100 sommerjobber til ungdom som ellers ikke får det.",
        "actors": [("Ringerike kommune", "lead", "Koordinerer")],
        "fundings": [("Ringerike kommune", "", "own_budget", "possible", 300000)],
        "horizon": "short",
        "start": (2027, "spring"),
        "end": (2027, "autumn"),
    },
    {
        "title": "Fleksible videreutdanninger for ansatte",
        "group": 4,
        "problem_areas": [5],
        "target_groups": [1],
        "direction": "prevent",
        "status": "draft",
        "author": "Marte Johansen",
        "description": "Korte moduler på kveldstid og nett, slik at ansatte kan ta ny "
        "kompetanse uten å slutte i jobben.",
        "horizon": "",
    },
    {
        "title": "Møteplass for frivillige og arbeidsgivere",
        "group": 5,
        "problem_areas": [3],
        "target_groups": [1, 2],
        "direction": "into_work",
        "status": "draft",
        "author": "Liv Strand",
        "description": "Frivillige organisasjoner kjenner mange som står utenfor arbeidslivet. "
        "Vi vil lage en fast møteplass der de møter arbeidsgivere.",
        "actors": [
            ("Røde Kors Buskerud", "lead", "Arrangerer møteplassen"),
            ("Kirkens Bymisjon Drammen", "partner", "Rekrutterer deltakere"),
            ("Drammen Næringsforening", "partner", "Henter arbeidsgivere"),
        ],
        "arenas_to_develop": "Kvartalsvis jobbkafé",
    },
    {
        "title": "Karriereveiledning i ungdomsskolen",
        "group": 5,
        "problem_areas": [1, 2],
        "target_groups": [0],
        "direction": "prevent",
        "status": "submitted",
        "author": "Thomas Bakke",
        "description": "Mange velger utdanningsprogram uten å vite hva yrket innebærer. Vi vil "
        "gi alle elever i 9. og 10. trinn veiledning og besøk i bedrifter.",
        "actors": [
            ("Karrieresenteret i Buskerud", "lead", "Veileder elever og lærere"),
            ("Lier kommune", "partner", "Ungdomsskolene"),
            ("Modum kommune", "partner", "Ungdomsskolene"),
            ("NHO Buskerud", "contributor", "Bedriftsbesøk"),
        ],
        "way_of_working": "Årshjul for veiledning og bedriftsbesøk i hver kommune.",
        "goal": "Færre elever bytter utdanningsprogram etter Vg1.",
        "indicators": [("Andel elever som bytter program etter Vg1", "under 8 %", None)],
        "fundings": [
            ("Lier kommune", "", "own_budget", "committed", None),
            ("Modum kommune", "", "own_budget", "possible", None),
        ],
        "horizon": "long",
        "start": (2027, "autumn"),
    },
    {
        "title": "Digital grunnkompetanse for seniorer i arbeid",
        "group": 2,
        "problem_areas": [0],
        "target_groups": [1],
        "direction": "prevent",
        "status": "draft",
        "author": "Kari Berg",
        "description": "",
    },
    {
        "title": "Læreplassgaranti i Hallingdal",
        "group": 4,
        "problem_areas": [1],
        "target_groups": [0],
        "direction": "prevent",
        "status": "submitted",
        "author": "Erik Dahl",
        # The same idea as "Felles formidling av læreplasser" at another table: the board
        # suggests the pair (about 0.42 alike), so the demo can show a merge.
        "description": (
            "Ungdom i Hallingdal må ofte flytte for å få læreplass, mens lærlingplasser i "
            "bedriftene står tomme. Skolene og bedriftene i regionen lager en felles formidling, "
            "og bedriftene garanterer læreplass til alle som fullfører Vg2."
        ),
        "actors": [
            ("Hol kommune", "lead", "Samler bedriftene i regionen"),
            ("Buskerud fylkeskommune", "partner", "Formidler læreplasser"),
        ],
        "goal": "Alle kvalifiserte søkere i Hallingdal får læreplass i regionen.",
        "fundings": [("", "Erasmus+", "grant", "possible", None)],
        "horizon": "medium",
        "start": (2028, "autumn"),
    },
]
