"""Demo experiments in the track Relationsbaseret ledelse (own short texts)."""

TRACK = "relationsbaseret-ledelse"

EXPERIMENTS = [
    {
        "slug": "teamledelse",
        "title": "Teamledelse",
        "institution": None,
        "phase": "action",
        "owner": "strateg",
        "team": [("mikkel.dahl", "Uddannelsesleder"), ("camilla.vinther", "Teamkoordinator")],
        "summary": "Teamkoordinatorer forbereder og fordeler opgaver mere skarpt for at styrke "
        "mødekultur og kvalitet i teamarbejdet.",
        "challenge": "Teamsamarbejdet har ikke løftet møde- og samarbejdskulturen eller "
        "kvaliteten i kerneopgaven så meget som ønsket.",
        "hypothesis": "Hvis koordinatorerne forbereder opgaverne grundigt og fordeler dem efter "
        "opgavens art og deltagernes interesse, med klare frister og sparring undervejs, så "
        "bliver opgaverne løst bedre og hurtigere.",
        "actions": [
            "Koordinatorerne forbereder opgavefordelingen",
            "Uddannelseslederen definerer opgaver til to teams",
            "Kortere tid mellem møderne og sparring undervejs",
        ],
        "findings": [
            "Der er kommet mere fokus på styring og kvalitet",
            "Koordinatorrollen er blevet skarpere",
        ],
        "conceptualisable_elements": "Et greb, ledelsen kan bruge til at styrke teamarbejdet "
        "gennem grundig planlægning, klare leverancer og små grupper.",
        "concept_phases": [
            "Koordinatorerne planlægger, før opgaven sættes i gang",
            "Opgaven præsenteres konkret for teamet",
            "Klare frister og krav til produktet",
            "Højst fem personer pr. gruppe",
        ],
        "attention_points": ["Uddannelsen fungerer måske snarere som en matrix end som teams"],
    },
    {
        "slug": "nye-ledelsesformer-og-samarbejde",
        "title": "Nye ledelsesformer og samarbejde",
        "institution": "sosu-c",  # the booklet names the education, not the school
        "education": "social-og-sundhedshjaelper",
        "phase": "implementation",
        "decision": "new_iteration",
        "owner": "strateg",
        "team": [
            ("sofie.krogh", "Tovholder"),
            ("rasmus.kjaer", "Underviser"),
            ("mikkel.dahl", "Uddannelsesleder"),
        ],
        "summary": "Dynamiske holdteams og fælles refleksion skal give en mere praksisnær "
        "undervisning på social- og sundhedshjælperuddannelsen.",
        "challenge": "Med en ny uddannelsesordning skal undervisningen være tættere på "
        "praksis, men underviserne mødes sjældent på tværs af fag, og eleverne har svært ved "
        "at opleve fagene som en helhed.",
        "hypothesis": "Hvis underviserne reflekterer struktureret og tværfagligt over deres "
        "pædagogiske og didaktiske valg, så bliver undervisningen mere praksisnær.",
        "actions": [
            "Dynamiske holdteams på tværs af fag",
            "Faste teammøder med dagsorden, referent og ordstyrer",
            "Fælles refleksion over planlægning og evaluering",
        ],
        "findings": [
            "Større trivsel blandt de deltagende undervisere",
            "Undervisningsmateriale deles på tværs af faggrupper",
            "Lektionerne bygger i højere grad på hinanden",
            "Stabilitet i lærergruppen er en forudsætning",
        ],
        "conceptualisable_elements": "Et dynamisk team pr. hold med et tydeligt formål og en "
        "fast mødestruktur med fokus på sammenhæng og progression.",
        "attention_points": ["Udskiftning i lærergruppen svækker effekten"],
    },
    {
        "slug": "kollegial-supervision",
        "title": "Kollegial supervision",
        "institution": None,
        "phase": "pre",
        "owner": "strateg",
        "team": [("rasmus.kjaer", "Underviser"), ("sofie.krogh", "Supervisor")],
        "summary": "Undervisere giver hinanden supervision for at blive bedre til at møde "
        "elever med lav motivation.",
        "challenge": "En del elever har lav lyst til at lære, og nogle har en adfærd, der "
        "belaster relationerne i klassen.",
        "hypothesis": "Hvis underviserne får tid til kollegial supervision, så får de flere "
        "redskaber til klasserumsledelse, og elevernes trivsel og læring stiger.",
        "actions": [
            "Supervisionsgruppe for undervisere, der har de samme elever",
            "Supervisionsgruppe på tværs af uddannelser og afdelinger",
        ],
        "attention_points": [
            "Deltagelse skal være frivillig",
            "Hold fokus på det professionelle, ikke det private",
        ],
    },
    {
        "slug": "videndeling-tvaerorganisatorisk-praksisfaellesskab",
        "title": "Videndeling – tværorganisatorisk praksisfællesskab",
        "institution": "tec",
        "phase": "analysis",
        "owner": "strateg",
        "team": [("peter.norgaard", "Uddannelseskonsulent"), ("camilla.vinther", "Konsulent")],
        "summary": "Uddannelseskonsulenter på tværs af TEC danner et praksisfællesskab, der "
        "sammen laver en årlig undersøgelse af virksomhedernes behov.",
        "challenge": "Skolen skal kunne omstille sig hurtigere til virksomhedernes behov, og "
        "det kræver nye former for samarbejde og ledelse.",
        "hypothesis": "Hvis konsulenterne deler viden i et praksisfællesskab på tværs af "
        "organisationen og med eksterne parter, så bliver resultaterne bedre, og "
        "erfaringerne kommer flere til gode.",
        "actions": [
            "Møder, der indledes og afsluttes med et fokusgruppeinterview",
            "Fælles udvikling og kvalitetssikring af et spørgeskema til virksomheder",
            "Fælles analyse af svarene",
        ],
        "findings": [
            "Konsulenterne finder det meningsfuldt at samarbejde på tværs",
            "Virksomhederne tager godt imod et årligt spørgeskema",
        ],
        "conceptualisable_elements": "Et praksisfællesskab, hvor viden deles socialt, samlet "
        "om en konkret prototype – her et spørgeskema – som alle kan se deres bidrag i.",
        "attention_points": ["Brug design thinking-spørgsmålene som ramme for møderne"],
    },
    {
        "slug": "tvaerorganisatorisk-ledelse",
        "title": "Tværorganisatorisk ledelse",
        "institution": None,
        "phase": "analysis",
        "detour": True,
        "owner": "strateg",
        "team": [
            ("medarbejder", "Underviser"),
            ("mikkel.dahl", "Uddannelsesleder"),
            ("sofie.krogh", "Observatør"),
        ],
        "summary": "Ledere øver relationel koordinering gennem konkret casearbejde for at "
        "styrke det tværprofessionelle samarbejde.",
        "challenge": "Opgaverne hos aftagerne løses i stigende grad på tværs af professioner, "
        "men en ledelsespraksis, der understøtter det, er endnu ikke en del af kulturen.",
        "hypothesis": "Hvis ledere opbygger kompetencer i relationel koordinering gennem "
        "konkrete cases, så bliver det tværprofessionelle samarbejde om uddannelserne stærkere.",
        "actions": [
            "Interview med uddannelsesledere om den nuværende praksis",
            "Observationer af, hvordan ledere og medarbejdere koordinerer i hverdagen",
            "Ledelsesworkshop om en konkret case om digital læring",
            "Fokusgruppeinterview som evaluering",
        ],
        "findings": [
            "Ledelsespraksis skal have en formel ramme at vokse i",
            "En fælles vidensplatform øger kvaliteten og tempoet",
            "Synlig gensidig afhængighed skaber forpligtelse",
        ],
        "conceptualisable_elements": "Tværfagligt samarbejde organiseres med en fælles "
        "vidensplatform, tydelig rammesætning fra ledelsen og fokus på merværdien af "
        "tværfaglighed.",
        "attention_points": ["Afklar ressourcerne, før samarbejdet går i gang"],
    },
    {
        "slug": "lede-paa-viden-faglige-faellesskaber",
        "title": "Lede på viden – faglige fællesskaber",
        "institution": "tec",
        "phase": "concept",
        "owner": "strateg",
        "team": [
            ("peter.norgaard", "Koordinator"),
            ("jonas.berg", "Ressourceperson"),
            ("karen.holm", "Uddannelseschef"),
        ],
        "summary": "Seks faglige fællesskaber på tværs af TEC's afdelinger skal bryde "
        "fagmonopoler og bringe ny viden i spil.",
        "challenge": "Stærke faggruppekulturer kan bremse brugen af ny viden og af de gode "
        "erfaringer, der allerede findes i organisationen.",
        "hypothesis": "Hvis undervisningen ledes og udvikles i faglige fællesskaber frem for i "
        "faggrupper, så bygger udviklingen på ny viden, der lettere spredes.",
        "actions": [
            "Seks faglige fællesskaber oprettet med hver sit tema",
            "Hver uddannelseschef står i spidsen for et fællesskab",
            "Fællesskaberne følger eksperimenterne fra start til spredning",
        ],
        "findings": [
            "Ideen om samarbejde på tværs har fået fat, men målet er ikke nået",
            "Koblingen til strategien har været uklar",
            "Sammensætningen af kompetencer afgør udbyttet",
        ],
        "conceptualisable_elements": "Tværorganisatoriske fora, der sætter strategiske "
        "indsatser i gang og driver dem på tværs af institutionen.",
        "attention_points": [
            "Fællesskaberne skal kunne trække på eksterne ressourcer",
            "Fællesskabet skal have mandat til at handle i andre lederes områder",
        ],
    },
    {
        "slug": "ambassadoerer-som-oversaettere",
        "title": "Ambassadører som oversættere",
        "institution": "tec",
        "phase": "action",
        "owner": "strateg",
        "team": [
            ("peter.norgaard", "Koordinator"),
            ("rasmus.kjaer", "Ambassadør"),
            ("jonas.berg", "Ambassadør"),
        ],
        "summary": "Et korps af eksperimentambassadører skal støtte eksperimentteams og sprede "
        "viden på tværs af TEC.",
        "challenge": "Eksperimentteams har svært ved at gennemføre eksperimenter uden støtte, "
        "og ledelsen vil forankre arbejdet bredt i organisationen.",
        "hypothesis": "Hvis vi indfører eksperimentambassadører, så styrkes arbejdet med de nye "
        "metoder, udviklingskapaciteten vokser, og viden spredes på tværs.",
        "actions": [
            "Etablering af et ambassadørkorps",
            "Månedlige møder med direktionen",
            "Fælles kompetenceudvikling med andre skolers ambassadører",
            "Ambassadører i alle faglige fællesskaber",
        ],
        "findings": [
            "Flere ambassadører vidste ikke helt, hvad rollen indebar",
            "Rollen fungerer bedst, hvor den passer til ambassadørens øvrige opgaver",
        ],
        "conceptualisable_elements": "Et team, der faciliterer og kvalificerer eksperimenter "
        "med særligt blik for dokumentation, pædagogik og evaluering.",
        "attention_points": [
            "Gør udvælgelsen gennemsigtig",
            "Ambassadørerne skal have et strategisk ophæng",
        ],
    },
    {
        "slug": "faglige-faellesskaber",
        "title": "Faglige fællesskaber",
        "institution": "metropol",
        "phase": "implementation",
        "decision": "adopted",
        "owner": "strateg",
        "team": [
            ("karen.holm", "Leder af fællesskabet"),
            ("camilla.vinther", "Facilitator"),
            ("sofie.krogh", "Deltager"),
        ],
        "summary": "Ad hoc-teams på tværs af enheder, ledelsesniveauer og fagligheder driver "
        "strategiske indsatser på Metropol.",
        "challenge": "Tværgående strategiske projekter, som involverer flere enheder og fag, "
        "er vanskelige at starte og gennemføre – især når de udfordrer det etablerede.",
        "hypothesis": "Hvis indsatserne drives af tværgående ad hoc-teams, så udvikles mere "
        "relevante løsninger, som også lettere finder vej til driften.",
        "actions": [
            "Introduktion af deltagerne til formål, rolle og ansvar",
            "Møderække med midtvejsevaluering",
            "Ny mødestruktur med facilitator",
        ],
        "findings": [
            "Viden går tabt ned gennem organisationen",
            "Det tager tid og mange gentagelser at nå en fælles forståelse",
            "Faciliterede møder holder fokus på sagen",
        ],
        "conceptualisable_elements": "En organisering, der sætter strategiske indsatser i gang "
        "og kvalificerer dem på tværs, med en fælles informationsplatform og faciliterede "
        "møder.",
        "attention_points": [
            "Skab nærhed til eksperimenterne, fx med faste dialogmøder",
            "Afklar mandatet i forhold til de lokale ledere",
        ],
    },
    {
        "slug": "strategisk-ledelse-ny-organisering-af-samarbejdsrelationer-med-aftagerfelt",
        "title": "Strategisk ledelse – Ny organisering af samarbejdsrelationer med aftagerfelt",
        "institution": "metropol",
        "education": "bioanalytiker",
        "phase": "design",
        "owner": "strateg",
        "team": [("mikkel.dahl", "Uddannelsesleder"), ("camilla.vinther", "Facilitator")],
        "summary": "Ledere fra bioanalytikeruddannelsen og Rigshospitalet afprøver åbne "
        "mødeformer for et tættere strategisk samarbejde.",
        "challenge": "Samarbejdet med aftagerne skal fornyes, så uddannelsen hurtigere kan "
        "følge arbejdsmarkedets krav til kompetencer.",
        "hypothesis": "Hvis uddannelse og aftager mødes forpligtende i uformelle, åbne "
        "mødeformer og observerer hinandens praksis, så inddrages aftagerne mere i "
        "uddannelsen.",
        "actions": [
            "Fælles drømmescenarie for samarbejdet",
            "Møde om fremtidens bioanalytiker",
            "Antropologisk observation af et pædagogisk stormøde",
        ],
        "attention_points": ["En neutral facilitator skal holde rammen for møderne"],
    },
]
