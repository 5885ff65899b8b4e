package insight

// tableVersion names this table; change it when the table changes, so that
// tags stored under the old one are recomputed when read.
const tableVersion = "2026-12-07b"

// concept widens a catalogue theme to the words residents use for it. A
// theme takes a concept when one of the theme's own words (in any of its
// languages, after normalisation) is one of the concept's heads, so a theme
// added to plans.yaml finds its concept without Go changes, and a theme no
// concept fits is still tagged by its own words.
//
// Words are bokmål, nynorsk and English, written as people write them; the
// tagger keys them the way the understanding step keys messages (spelling
// folded, one inflection stripped), and compounds are split, so
// "ladestasjon" also covers "ladestasjonene" and "hurtigladestasjon".
type concept struct {
	heads string // "|"-separated words of a theme's text that pick the concept
	words string // "|"-separated words residents use for it
}

// concepts returns the built-in concept table (a read-only table; one
// call per Tagger build).
func concepts() []concept {
	return []concept{
		{"transport|transportation", "bil|biler|bilen|bilist|bilkø|kø|køer|trafikk|vei|veg|veier|vegar|buss|bussen|" +
			"busser|bussar|tog|toget|bane|t-bane|ferje|båt|kollektiv|kollektivtilbud|kollektivtransport|rushtid|" +
			"sykkel|sykler|sykla|sykkelvei|sykkelveg|sykkelsti|sykle|syklende|syklister|elsykkel|bysykkel|bysykler|gange|gå|gangvei|fortau|" +
			"elbil|elbiler|ladestasjon|ladepunkt|lading|lade|hurtiglader|parkering|parkeringsplass|innfartsparkering|" +
			"bompenger|bomring|veiprising|pendler|pendle|reise|reiser|fly|flyreiser|drivstoff|diesel|bensin|" +
			"hydrogen|biogassbuss|tomgang|fartsgrense|bildeling|samkjøring|hjemmekontor|taxi|drosje|ruter|rute|" +
			"avgang|avganger|stasjon|holdeplass|busstopp|kjøre|kjøring|car|cars|traffic|road|roads|bus|buses|" +
			"train|trains|ferry|commute|commuting|bike|bikes|bicycle|cycling|cycle|cyclists|walking|sidewalk|" +
			"electric|charger|chargers|charging|parking|toll|tolls|petrol|driving|drive|flights|flying|route|" +
			"routes|departures|station|carpool|lane|lanes|path|paths|" +
			"bilar|bilane|bilistar|sykkelveg|sykkelvegar|sykkelvegen|sykkelfelt|sykkelparkering|syklar|syklande|gangveg|gang- og sykkelveg|busstopp|bussholdeplass|busslomme|leskur|bussrute|bussruter|bussavgang|kollektivtrafikk|kollektivtrafikken|trafikken|trafikkaos|rundkjøring|kryssing|fotgjengerfelt|overgang|skoleveg|skolevei|skulevegen|kjørt|kjøyrt|kjøyre|hente|levere barna|køen|motorvei|motorveg|e18|tunnel|ferga|ferjesamband|elferje|togstasjon|togstasjonen|pendlerparkering|bildelingsordning|samkøyring|bilfritt|bilfri|elsparkesykkel|sparkesykkel|el-sykkel|elsykkelstøtte|lastesykkel|ladeplass|ladeplassar|lader|ladere|ladar|ladarar|hurtiglading|varebil|varebiler|lastebil|tungtransport|utslipp fra trafikken|car sharing|carsharing|car pool|carpooling|e-bike|ebike|e-bikes|scooter|scooters|bus stop|bus stops|bus lane|shelter|timetable|public transport|transit|metro|crossing|junction|queue|queues|traffic jam|drop off|school run|motorway|highway|tunnel|ev|evs|electric car|electric cars|fast charger|fast chargers|cycle path|cycle paths|bike lane|bike lanes|pedestrian|pedestrians|speed limit|rush hour|van|vans|trucks|lorries|" +
			"skyss|sjåfør|taxisjåfør|taxi driver|lift|lifts|hente og bringe|kjøre barna|kjører barna|køyre|bytte buss|byte buss|bussbytte|change buses|siste buss|siste bussen|nattbuss|night bus|last bus|låse sykkelen|sykkelstativ|sykkelskur|bike rack|bike racks|stjålet sykkel|stolen bike|pavement|pavements|tomgangskjøring|idle|idling|eksos|exhaust|leveransar|delivery vans|bussfelt|kollektivfelt|eget felt|parkeringsavgift|parking fees"},
		{"forbruk|consumption", "kjøpe|kjøper|kjøp|handle|handel|shopping|klær|mote|matsvinn|svinn|mat|kjøtt|" +
			"vegetar|vegetarmat|vegansk|kortreist|lokalmat|økologisk|emballasje|innkjøp|anskaffelser|" +
			"forbruker|forbrukar|forbruket|bruke mindre|mindre|overforbruk|fotavtrykk|klimaavtrykk|black friday|" +
			"kantine|kantiner|skolemat|buy|buying|purchase|purchasing|procurement|clothes|fashion|food|meat|" +
			"vegetarian|vegan|local food|organic|packaging|consume|consumer|footprint|canteen|canteens|" +
			"forbruket|forbruket vårt|kjøpepress|kjøpe nytt|handla|handlar|shopping|innkjøpa|innkjøpsregler|anskaffing|leverandør|leverandører|leverandørar|plantebasert|plantebasert mat|grønnsaker|grønsaker|kjøttfri|kjøttfri dag|oksekjøtt|storfe|middag|lunsj|bønder|bonde|lokale bønder|gårdsbutikk|miljømerket|miljømerka|svanemerket|klimakrav|gaver|julegaver|reklameartikler|ting|tøy|klede|kle|fly|ferie|ferier|reiser|flyreise|vaner|livsstil|shopping|shop|buy less|buying less|stuff|plant based|plant-based|vegetables|beef|burger|burgers|lunch|meals|dinner|farmers|farm shop|eco-label|ecolabel|suppliers|supplier|low-carbon|habits|gifts|presents|holiday|holidays|travel habits|fast fashion|black friday|" +
			"goodiebag|goodiebags|plastleker|leker|leiker|kaste mat|kaster mat|kastar mat|thrown away|throws away|thrown out|leftovers|rester|porsjoner|bestiller for mye|order too much|laptops|pc-er|nye ting|kjøpe nytt|shop more|reklame|advertising|markedsføring|leve enklere|simple|rive og bygge nytt|bruk og kast|use and throw"},
		{"energi|energy", "strøm|straum|strømforbruk|solcelle|solceller|solcellepanel|solpanel|solenergi|sol|" +
			"varmepumpe|varmepumper|fjernvarme|fjernvarmen|oppvarming|varme|fyring|vedfyring|oljefyr|isolasjon|" +
			"isolere|etterisolering|enøk|energieffektiv|energieffektivisering|energibruk|bygninger|" +
			"passivhus|nullutslippsbygg|tak|vindkraft|vind|vindmølle|vannkraft|fornybar|batteri|lys|belysning|" +
			"gatelys|led|kraft|nett|enova|electricity|power|solar|panel|panels|heat|heating|heat pump|" +
			"insulation|insulate|efficiency|efficient|buildings|roof|roofs|wind|renewable|battery|" +
			"lighting|streetlights|lights|district heating|" +
			"straumen|straumpris|straumprisar|strømpris|strømpriser|strømregning|sparer strøm|spare straum|varmetap|lekker|trekk|kaldt|kald|fryser|vindu|vinduer|vindauge|panelovn|panelovner|ovner|termostat|oppvarma|varma opp|varmes opp|bergvarme|solfanger|solfangere|solkraft|solcellepanel|solcelleanlegg|plusshus|plussenergibygg|nullenergi|energimerking|enova-støtte|spillvarme|overskuddsvarme|lyset|lysene|lys på|sensor|sensorer|bevegelsessensor|kraftkrevende|electricity bill|electricity prices|power prices|kilowatt|windows|window|draughty|drafty|cold|freezing|heated|heat loss|radiators|thermostat|geothermal|solar power|solar plant|solar cells|waste heat|motion sensors|sensors|led|lamps|energy use|energy saving|save energy|" +
			"oil burner|oil heating|oljefyring|straumrekning|straumrekninga|strømregningen|lek|lekk|trekkfullt|ventilasjon|ventilation|badstue|iskald|ice cold|floodlights|flomlys|lyskastere|vindmøller|vindmøller|wind turbines|andeler|andelar|borehull|drill|varmtvann|hot water|doors open|døra open|dørene åpne"},
		{"avfall|waste", "søppel|søpla|søppelet|søppeldunk|bos|boss|avfallet|søppelkasse|søppelkasser|søppeldunk|" +
			"søppelbøtte|forsøpling|forsøpla|plast|plastavfall|plastposer|plastpose|strand|strender|strandrydding|" +
			"rydde|rydding|tømming|tømme|renovasjon|rest|restavfall|container|containere|dumping|" +
			"hundeposer|matavfall|sneiper|sigarettsneiper|litter|littering|rubbish|trash|garbage|bin|" +
			"bins|plastic|beach|beaches|collection|landfill|dumped|cleanup|clean up|bags|" +
			"søppelet|søpla|søppelkasse|søppelspann|bosspann|bossbil|bossbilen|boss|bos|bosset|dunkar|søppeldunker|søppeldunkar|avfallsdunk|renovasjonen|hentes|tømt|tømmes|overfylt|overfylte|fulle|forsøpling|forsøpla|kaster søppel|dumpe|dumper|dumpa|ulovlig dumping|hvitevarer|møbler i skogen|fjæra|fjære|strandsøppel|marint søppel|marin forsøpling|fiskeutstyr|flasker|bokser|engangs|engangsplast|engangskopper|engangstallerkener|engangsartikler|sneip|askebeger|askebegre|hundebæsj|hundebæsjposer|bæsjeposer|lukter|lukt|måker|kråker|garbage|rubbish|trash|litter|litter bins|waste bins|overflowing|emptied|emptying|dumping|fly-tipping|fly tipping|disposable|single-use|single use|cups|plates|cutlery|cigarette butts|dog poo|dog waste|seagulls|crows|smell|mess|clean-up|clean up|" +
			"sprengfulle|sprengfull|renner over|flyr|lass|byggavfall|tyres|tires|dekk|bildekk|paint cans|malingsspann|garn|fiskegarn|nets|ropes|tau|mikroplast|microplastics|glitter|balloons|ballonger|fyrverkeri|fireworks|ditches|grøfter|grøftene|cans|plukke|plukkar|pick up|picking up|ends up on the ground|ekkelt|disgusting|papirlapper|pizzaesker|pizza boxes"},
		{"gjenvinning|recycling", "resirkulering|resirkulere|resirkulert|dunk|dunker|plastdunk|kildesortering|kildesortere|sortering|" +
			"sortere|sorterer|gjenvinningsstasjon|miljøstasjon|miljøstasjoner|returpunkt|pant|pante|panteautomat|" +
			"glass|metall|papp|papir|returordning|innsamling|farlig avfall|elektronikk|elavfall|batterier|" +
			"recycle|recycled|sorting|sort|separate|separation|recycling station|deposit|return|glass|metal|" +
			"cardboard|paper|electronics|e-waste|" +
			"sortere|sorteringa|kildesorteringa|sorteringsguide|sorterte|restavfallet|plastemballasje|plastinnsamling|matavfallet|matavfall|biogass|biorest|kompost|kompostere|komposterer|kompostbinge|kompostbinger|hageavfall|grønne poser|posar|miljøstasjonen|gjenvinningsstasjonen|returpunkt|returpunkter|returpunkta|pantesystem|flaskepant|tekstil|tekstiler|tekstilinnsamling|klesinnsamling|kleskontainer|ee-avfall|elektronisk avfall|mobiltelefoner|ladere|lyspærer|hente glass|hjemmehenting|recycling bins|recycling bin|sort|sorted|sorting guide|compost|composting|biogas|food waste collection|textiles|textile|clothes collection|bottle deposit|cans|bottles|glass and metal|plastic collection|e-waste|old phones|batteries|light bulbs|recycling centre|recycling center|recycling point|" +
			"kvitteringer|papir eller restavfall|miljøbil|miljøbilen|hazardous waste|farleg avfall|cooking oil|frityrolje|matolje|lyspærer|sko|shoes|vannkoker|kettle|appliances|småelektrisk|sendt til utlandet|shipped abroad|brent|burned|incinerated|forbrenning|forbrenningsanlegg|hvor skal jeg levere|kvar skal eg levere|where do i take|drop off|levere|leverer|gjenvunnet|gjenvunne|recycled at all"},
		{"sirkulærøkonomi|circular", "gjenbruk|gjenbruke|ombruk|bruktbutikk|bruktbutikker|brukt|bruktmarked|" +
			"loppemarked|loppis|bytte|byttemarked|byttedag|reparere|reparasjon|reparasjoner|reparasjonskafé|" +
			"fikse|lån|låne|utlån|utlånsordning|bua|verktøy|verktøybibliotek|dele|deling|delingsøkonomi|" +
			"leie|utleie|sirkulær|sirkulære|levetid|ressurser|ressurs|kretsløp|redesign|oppgradere|second hand|" +
			"secondhand|reuse|reusing|repair|repairs|repair cafe|swap|swapping|borrow|borrowing|lending|tools|" +
			"tool library|share|sharing|rent|renting|circular|resources|lifespan|thrift|flea market|used|" +
			"bruktbutikk|brukthandel|brukthall|gjenbruksbutikk|gjenbruksstasjon|gjenbrukstorg|gjenbrukte|ombrukt|brukte møbler|brukte materialer|byggematerialer|overskuddsmasser|massar|fiks|fikse|reparere|reparera|reparasjonsverkstad|sykkelverkstad|verkstad|verkstad|syverksted|låne ut|utlån|utlånsordning|utleige|leige|leige ut|deleordning|delingsordning|delingsordninger|nabodeling|gi bort|gis bort|arve|arv|ny eier|levetid|varer lenge|holdbar|holdbare|kvalitet|lang levetid|reservedeler|second-hand|second hand shop|charity shop|thrift store|reuse|reused|reusable|repair|repairable|repaired|fix|fixing|fixed|mend|mending|lend|lend out|library of things|share|shared|sharing scheme|give away|new owner|hand-me-downs|durable|long lasting|last long|spare parts|leasing|lease|construction waste reuse|" +
			"babyutstyr|barneutstyr|byttering|bytteringar|kontormøbler|kontormøblar|refurbished|refurbish|oppussa|vacuum cleaner|støvsuger|skomaker|skredder|tailor|cobbler|lånt|låna|deles mellom|delast mellom|share between|ombruk|ombruke|ombrukssenter|giveaway|gi videre|pass on"},
		{"samskaping|arbeidsmetodikk|co-creation|method", "samarbeid|samarbeide|sammen|samskape|medskaping|designe|utforme|løsninger|involvere|" +
			"involvering|partnerskap|tillit|dialog|innbyggerdialog|lytte|lytter|ressurs|bidra|bidrar|nabolag|" +
			"naboer|nettverk|kommunen og innbyggerne|cooperation|collaborate|collaboration|together|partnership|" +
			"trust|involve|involving|listen|contribute|neighbourhood|neighbours|network|" +
			"samarbeide|samarbeider|samarbeida|saman|i lag|utforme|forme|formgi|planlegge sammen|være med å|vere med og|med fra starten|frå starten|tidlig|tidleg|før det bestemmes|ferdige løsninger|ferdige løysingar|løysingar|løsning|løysing|partnar|partner|partnere|kompetanse|erfaring|pensjonister|ressurser|ressursar|verksted|verkstad|verkstader|workshop|idédugnad|brukermedvirkning|brukerne|brukarane|tjenestene|tenestene|tjenester|tenester|ansatte|tilsette|stole på|tillit|ansvar|medansvar|eierskap|innovasjon|pilot|prøve ut|teste|co-create|co-design|codesign|design together|from the start|early|workshops|partners|partner|customers|treat us|part of the solution|solve|solving|problems together|expertise|skills|staff|services|service design|test|pilot|ownership|responsibility|together with residents|" +
			"hva som skjedde med|kva som skjedde med|ta oss med|ingeniør|ingeniørar|ingeniører|engineers|businesses|business|sponsor|bedrifter|bedrift|næringsliv|næringslivet|firma|firmaer|vaktmester|vaktmeister|learn what people need|testar|tester ut|brukerne|brukarane|hvor skoen trykker|kunnskap|knowledge|build with us|with us|med oss|bruk oss|use us|dare|tør|våge|ideas|idear|ideer"},
		{"demokratiutvikling|nærdemokratiske|democratic|democracy", "demokrati|lokaldemokrati|nærdemokrati|" +
			"lokalutvalg|lokalutval|lokalutvalgene|kommunestyre|kommunestyret|politikere|politikarar|politiker|" +
			"politikk|valg|val|stemme|stemmerett|velgere|ungdomsråd|ungdomsrådet|eldreråd|råd|høring|høyring|" +
			"innflytelse|påvirke|påverke|åpenhet|gjennomsiktig|folkemøte|folkemøter|representanter|" +
			"beslutninger|vedtak|local councils|council|councils|politicians|politics|election|elections|vote|" +
			"voting|youth council|consultation|hearing|influence|transparency|decisions|public meeting|" +
			"nærutval|nærutvala|nærutvalg|lokalutvalget|kommunestyremøte|kommunestyremøtene|kommunestyremøta|formannskapet|ordføreren|ordføraren|folkevalgte|folkevalde|politikarane|partiene|partia|stemmer|stemme over|røyste|folkeavstemning|folkerøysting|valgdeltakelse|valdeltaking|valglokale|valglokaler|høringer|høringsfrist|høyringsfrist|høringsinnspill|innbyggerforslag|innbyggjarforslag|underskrifter|sakspapirer|sakspapira|strømmes|strømme|direktesending|budsjett|budsjettet|eget budsjett|medbestemmelse|borgerpanel|innbyggerpanel|deltakende budsjett|makt|local committee|local committees|village councils|councillors|mayor|parties|party|referendum|petition|petitions|signatures|vote on|voted|turnout|ballot|polling|agenda|case papers|council meetings|streamed|livestream|participatory budget|participatory budgeting|citizens' panel|citizens panel|panel|power|say in decisions|" +
			"skrev til politikerne|fikk aldri svar|aldri svar|svar|svare|answer|reply|klarspråk|simple language|plain language|translate decisions|råd og utvalg|råd og utval|bestemmes|bestemt|vert bestemt|decided|decide|decides|rådhus|rådhuset|minutes|referat|protokoll|lokalvalg|lokalval|stemmerettsalder|voting age|16 år|office hours|kveldsmøter|evening meetings"},
		{"innbyggertorg|dynamiske arenaer|squares", "møteplass|møteplasser|møtested|møtestader|treffsted|" +
			"treffpunkt|torg|torget|innbyggertorget|servicetorg|åpent hus|lokale|lokaler|samlingssted|" +
			"grendehus|velhus|kafé|kafe|nærmiljøsenter|bydelshus|hus|rom|meeting place|meeting places|" +
			"meeting point|square|open house|premises|venue|community house|community centre|community center|" +
			"cafe|space|spaces|rooms|hub|" +
			"møteplassar|møtestad|møtestader|møtes|møtast|treffes|treffast|treffpunkt|sosial møteplass|nabolagshus|nabolagshuset|grendehuset|velhuset|ungdomskafé|kafé|kaffe|servicetorget|servicesenter|innbyggjartorg|innbyggartorget|innbyggertorget|skjema|digitale skjema|hjelp med skjema|søknader|henvende|henvende seg|skranke|resepsjon|åpningstid|opningstid|åpent|ope|stad å vere|sted å være|henge|ingen steder å være|meeting place|meeting places|hang out|nowhere to go|place to meet|community house|community hub|neighbourhood house|village hall|coffee|forms|digital forms|help with forms|service desk|service centre|service center|front desk|reception|opening hours|drop in|drop-in|citizens' square|citizen service|" +
			"naturlig plass|naturleg stad|bank|banken|posten|nettbank|online banking|tax|skatt|parking permit|parkeringstillatelse|where to go|kvar ein skal gå|servicebuss|samlingspunkt|samlingsstad|trappa|varmestue|warm room|read the paper|lese avisa|sit alone|sitter alene|kaffi|prate|prat|kome innom|komme innom|stikke innom|nettsidene|nettsidene til kommunen|websites|website|hjelp|hjelpe|help|open doors|åpne dører|shopping centre|kjøpesenteret|kjøpesenter"},
		{"frivillighet|volunteering", "frivillig|frivillige|frivilligsentral|" +
			"frivilligsentralen|dugnad|dugnader|lag|foreninger|lag og foreninger|velforening|vel|" +
			"idrettslag|medvirke|medverknad|delta|deltakelse|engasjement|engasjere|ildsjeler|volunteer|" +
			"volunteers|voluntary|clubs|associations|participate|engagement|engage|take part|" +
			"frivilligheit|frivilligsentral|frivilligsentralane|dugnadsånd|dugnadsånden|velforeninger|velforeiningar|foreiningar|lag og foreiningar|sanitetsforening|sanitetsforeninga|raude kross|røde kors|rødekors|besøksteneste|besøkstjeneste|besøksvenn|leksehjelp|hjelpe til|hjelpe|melde seg|bidra|bidra med|engasjert|engasjerte|ildsjel|ildsjeler|eldsjeler|medverknad|medvirkning|medvirke|medverke|bli hørt|bli høyrt|seie si meining|si sin mening|meining|mening|barn og unge|ungdommen|barna|spør|spørre|spurt|volunteering|voluntary work|volunteer work|charity|charities|red cross|helping|help out|sign up|associations|organisations|organizations|nonprofit|non-profit|be heard|have a say|a say|ask children|asked|listen to youth|young people|participation|take part|" +
			"bidra noen timer|forpliktelse|forplikte|commitment|medlemmer|medlemar|helpers|parade|17. mai-komité|17. mai-komiteen|tegne|teikne|speider|speidar|speidergruppe|scouts|ledere|leiarar|rekruttere|rekruttering|recruit|flyktninger|flyktningar|refugees|takke|takkar|thank|thanks|asked when|spør|ask|elevråd|elevrådet|student council|facebook|informasjon om|ingen koordinerer|coordinate|koordinere"},
		{"kulturlivet|cultural life", "kultur|kulturliv|kulturtilbud|festival|festivaler|konsert|konserter|" +
			"musikk|kor|korps|band|kunst|kunstnere|kunstner|utstilling|utstillinger|galleri|teater|revy|dans|" +
			"film|kino|litteratur|forfattere|kulturskole|kulturskolen|arrangement|arrangementer|kulturpris|" +
			"kulturmidler|tilskudd|culture|arts|art|artists|festival|festivals|concert|concerts|music|choir|" +
			"band|exhibition|gallery|theatre|theater|dance|cinema|literature|events|grants|" +
			"kulturelt|kulturelle tilbud|kulturtilbod|kulturkalender|arrangementer|arrangement|arrangere|konsertar|musikarar|musikere|artister|korps|korpsa|kora|korene|dirigent|dirigentar|amatør|amatørteater|teatergruppe|teatergrupper|revyen|danseskole|dansegrupper|kunstnarar|kunstnere|kunstnar|stipend|kulturstipend|oppdrag|talent|talenter|kreative|kreativ|jazz|rock|opera|forfattar|gatekunst|gatemusikk|utekonsert|uteservering|kulturnatt|kulturkveld|skjer|skjer ingenting|gigs|gig|bands|musicians|singers|artists|performers|amateur|theatre group|drama|comedy|street art|street music|poetry|authors|writers|creative|talent|talents|culture calendar|whats on|what's on|nightlife|cultural events|arts funding|" +
			"ingenting å gjøre|ingenting å gjere|nothing to do|lørdagskveld|laurdagskveld|saturday night|jazzklubb|jazz club|åpent atelier|open studios|utekino|outdoor cinema|mannskor|kvinnekor|kor|dirigent|litteraturfestival|betale musikere|pay musicians|honorar|soveby|sleepy town|skjer det|happening|søknader om kulturmidler|kulturmidlar"},
		{"harmonisering|likeverdige|harmonisation|equal", "lik|likt|like|likeverd|rettferdig|urettferdig|" +
			"forskjell|forskjeller|forskjellsbehandling|hurum|røyken|tidligere|sammenslåing|kommunesammenslåing|" +
			"bydel|bydeler|tettsted|utkant|utkanten|sentrum|hele kommunen|alle deler|pris|priser|dyrt|billig|" +
			"gratis|egenandel|tilgjengelig|tilgang|avstand|fair|unfair|equal|equally|differences|difference|" +
			"merger|merged|district|districts|outskirts|price|prices|expensive|cheap|free|access|accessible|" +
			"likeverdig|likeverdige|likt tilbud|likt tilbod|rettferdig fordelt|fordeles|fordelt|fordeling|skeivt|skjevt|ulikt|ulike|forskjellig|gamle asker|gamle kommunene|dei gamle kommunane|sammenslåingen|samanslåinga|etter sammenslåingen|filtvet|tofte|sætre|holmsbu|klokkarstua|sørkommunen|bygdene|bygder|bygd|reise langt|langt å reise|glemt|gløymt|har ikke råd|har ikkje råd|dårlig råd|søskenmoderasjon|moderasjon|inntekt|lavinntekt|familier med lite|kulturkort|fritidskort|ventelister|venteliste|funksjonsnedsettelse|funksjonsnedsetjing|funksjonsnedsetjingar|innvandrerbakgrunn|minoritetsspråk|tilpassa|tilpasset|the same|same offer|same services|every part|all parts|everywhere|forgotten|left out|far away|long way|travel far|afford|can't afford|cannot afford|discount|sibling discount|income|low-income|income-based|waiting list|waiting lists|disabilities|disabled|minority|immigrant|immigrants|inclusive|inclusion|fairly|fairness|spread|" +
			"autisme|autism|tilpasning|tilrettelegging for|språk|don't speak norwegian|other languages|slått sammen|slegne saman|betaler mer|pay more|tjener|tener|earn|earns|the rich|de rike|for de rike|rike|can't pay|cannot pay|kan ikkje betale|kan ikke betale|kommunedelene|delar av kommunen|deler av kommunen|part of asker|parts of asker"},
		{"kulturminnevern|cultural heritage|heritage", "kulturminne|kulturminner|kulturarv|vern|verne|vernet|" +
			"verneverdig|fredet|freda|fredning|bevare|bevaring|historie|historisk|historiske|gammel|gamle|" +
			"eldre hus|gårder|gård|kirke|kirker|kyrkje|ruin|ruiner|minnesmerke|arkeologi|museum|museer|" +
			"lokalhistorie|historielag|bygningsvern|monument|monuments|preserve|preservation|protect|protected|" +
			"listed|history|historic|historical|old buildings|church|churches|ruins|archaeology|museum|museums|" +
			"local history|" +
			"kulturminna|kulturminnet|verna|vernast|bevarast|restaurere|restaurerast|restaurering|sette i stand|setjast i stand|forfaller|forfell|rives|rivast|riving|ikke riv|gamle hus|gamle bygg|gamle bygninger|trehus|sjøbod|sjøboder|sjøbodene|husmannsplass|husmannsplassar|husmannsplasser|steingard|steingardar|gravhaug|gravhauger|gravhaugane|gravrøys|bronsealder|steinalder|vikingtid|helleristninger|krigsminne|krigsminner|krigsminnesmerke|minnesmerke|fabrikk|industrihistorie|kalkovn|kalkovnar|kalkovner|stasjonsbygning|tollstad|kirkemur|kyrkjemur|historielag|historielaget|lokalhistorisk|museet|samling|gamle bilder|informasjonstavler|skilt|skilting|kulturstier|kultursti|kulturminnevandring|heritage|listed building|listed buildings|restore|restoration|restored|torn down|demolish|demolished|decay|decaying|wooden houses|boathouses|viking|bronze age|stone age|burial mounds|grave mounds|rock carvings|war memorial|war memorials|memorials|old factory|industrial heritage|collection|old photos|information boards|heritage trail|" +
			"historier|historiene|stories|story|bestefar|oldefar|isdammer|brick houses|cement factory|sementfabrikk|båtnaust|naust|grafitti|graffiti|kirkeruin|kyrkjeruin|stone walls|cellar|tinghus|tinghuset|stedsnavn|stadnamn|place names|villas|villaer|character|preg|fornminner|fornminne|ferdselsveger|ferdselsvegar|old roads|archive|arkiv|arkivet|meieri|meieriet|bygdas historie|lokal historie|gamle skulehus|gamle skolehus"},
		{"kulturarenaer|venues", "kulturhus|kulturhuset|scene|scener|sal|konsertsal|storsal|øvingslokale|" +
			"øvingslokaler|øvelokale|lokaler|arena|kulturarena|amfi|teatersal|kulturhus asker|" +
			"prøvelokale|ungdomshus|ungdomsklubb|culture house|cultural centre|stage|stages|hall|halls|" +
			"concert hall|rehearsal|rehearsal space|rehearsal rooms|youth club|venue|venues|" +
			"kulturhus|kulturhuset|kulturhuset i asker|kulturarenaen|scenen|utescene|utescena|amfiet|konsertsalen|storsalen|sal|salen|salar|lokale|lokala|lokalet|øvingslokalet|øvingslokala|øvingsrom|øvingsrommet|øverom|øve|øva|øver|øving|prøverom|lydanlegg|lyd og lys|akustikk|garderober|studio|studioer|atelier|ateliér|atelierer|galleri|galleriet|utstillingslokale|black box|kino|kinoen|kinosal|ungdomshuset|ungdomsklubben|grendehus|danseskole|dansesal|speil|golv|gulv|booke|utleie av lokaler|leie lokale|leige lokale|venue|venues|stage|outdoor stage|concert hall|theatre hall|auditorium|acoustics|rehearse|rehearsing|rehearsal rooms|practice room|practice space|studio|studios|gallery|gallery space|exhibition space|cinema|black box|sound system|dance studio|book a room|rent a room|premises|culture house|" +
			"orkester|orchestra|fjøs|låve|konsertlokale|konsertlokaler|heis|heis til scenen|play live|spille live|cafeteria|kantina|leiepris|leigepris|rent for the hall|fullbooka|fullbooket|booked out|bedehus|bedehuset|place to hold a concert|lokale til konsert|rom til|lager for instrumenter"},
		{"bibliotektilbudet|bibliotek|library", "bibliotek|biblioteket|bibliotekene|bibliotekar|bok|bøker|" +
			"boka|lån|låne|utlån|lesing|lese|lesesal|åpningstid|åpningstider|meråpent|filial|filialer|" +
			"bokbuss|bokbussen|e-bøker|lydbøker|library|libraries|librarian|book|books|borrow|reading|read|" +
			"opening hours|open|branch|branches|ebooks|audiobooks|mobile library|" +
			"biblioteka|bibliotekfilial|filialen|filialane|bokbuss|bokbussen|skulebibliotek|skolebibliotek|folkebibliotek|folkebiblioteket|bibliotekarar|bibliotekarer|bøkene|bøker på|nye bøker|lydbok|e-bok|lesesal|lesesalen|studieplass|studieplassar|lesestund|lesestunder|leseombud|språkkafé|språkkafe|meirope|meråpne|sjølvbetjent|selvbetjent|opningstid|utlån|lånekort|makerspace|3d-printer|datamaskiner|pc-ar|library|libary|libraries|library card|books|novels|audiobook|audiobooks|e-books|study places|study space|quiet room|reading room|self-service|language cafe|storytime|story time|book bus|mobile library|makerspace|3d printer|computers|borrow books|" +
			"rolig sted|rolig stad|quiet place|støy|bråk|noisy|appen|the app|kodeklubb|coding club|leseferdigheter|reading level|selection|utvalget|utvalet|fjernlån|interlibrary|board games|brettspill|lese|lesa|låne bøker|låne bøkene"},
		{"skolesekken|spaserstokken|schoolbag|walking stick", "elever|elev|skole|skoler|skolen|klasse|" +
			"klassetrinn|forestilling|forestillinger|skoleforestilling|eldre|sykehjem|sjukeheim|omsorgsbolig|" +
			"pensjonister|seniorer|eldresenter|barn|unge|ungdom|pupils|pupil|school|schools|class|classes|" +
			"performance|performances|older people|elderly|nursing home|nursing homes|pensioners|seniors|" +
			"children|kids|young|" +
			"elevar|elevane|elevene|skuleelevar|skoleelever|skuleklasse|skoleklasse|klassar|skoletida|skoletiden|skuletida|i skoletida|ungdomsskolen|ungdomsskulen|barneskolen|barneskulen|forestillingar|forestilling|sykehjemmet|sykehjemmene|sjukeheimen|sjukeheimane|omsorgsbolig|omsorgsbustad|omsorgssenter|omsorgssenteret|dagsenter|dagsenteret|dagsentrene|beboerne|bebuarane|bebuarar|demens|besteforeldre|besteforeldra|bestemor|bestefar|mor mi|far min|allsang|allsong|besøk av|fikk besøk|fekk besøk|kulturelle skolesekken|kulturelle skulesekken|spaserstokken|pupils|students|classes|school class|school time|during school|nursing home|care home|care homes|day centre|day center|residents of the care|dementia|grandparents|grandmother|grandfather|my mother|my father|older people|elderly|seniors|schoolbag|walking stick|visits from artists|" +
			"klassen|klassa|klassetur|school trip|school trips|puppet show|dukketeater|kindergarten|kindergartens|barnehage|barnehagane|barnehagene|spesielle behov|special needs|living alone|bur aleine|bor alene|filmkveld|filmkvelder|trekkspill|accordion|framsyning|danseframsyning|konsert på skolen|skolekonsert|skolekonsertar|school concert|school concerts|upper secondary|videregående"},
		{"infrastruktur|infrastructure|arenaer for deltakelse", "tilrettelegging|tilrettelegge|tilgjengelighet|" +
			"universell|universell utforming|rullestol|funksjonsnedsettelse|lys|belysning|lyssetting|" +
			"parkering|toalett|toaletter|garderobe|garderober|dusj|skilting|vedlikehold|vedlikeholde|" +
			"brøyting|sikkerhet|trygg|trygt|benker|benk|kart|access|accessibility|accessible|wheelchair|" +
			"disability|lighting|lights|parking|toilet|toilets|changing rooms|showers|signs|signposting|" +
			"maintenance|maintain|snow clearing|safety|safe|benches|bench|map|maps|" +
			"tilgjengeleg|tilgjengelege|tilgjengelig for alle|tilrettelagt|tilrettelagde|tilrettelegges|universelt utformet|rullestolbrukere|rullestol|barnevogn|gymsal|gymsalar|gymsaler|gymsalene|skolegård|skolegården|skulegard|skulegarden|skolegårdene|booke|booking|bookingsystem|utleie|leige|hallkapasitet|halltid|kapasitet|fordeling av tid|åpne hallene|opne hallane|tilgang|tilgang til|areal|areal til|arealer|boligfelt|bustadfelt|nye boligområder|regulering|reguleres|gangavstand|gåavstand|trygg skolevei|parkering ved|busstopp ved|buss til|brøyting|strøing|brøytes|toalett|toaletter|garderober|dusjar|benker|lys|belysning|skilting|merking|kart|booking|book online|bookable|access|accessible|wheelchair|wheelchairs|pram|prams|universal design|school gyms|school gym|school yard|schoolyards|playground areas|walking distance|within walking distance|land|areas|space for|zoning|capacity|hall time|allocation|open to the public|snow clearing|gritting|toilets|changing rooms|benches|lighting|signs|map|parking at|" +
			"aldri tid|aldri ledig|ledig|booket|booked|by car|no bus|buss i helgene|garderoben|asfalt|asphalt|dark|mørkt|mørke|bratt|steep|steinete|rocky|fortau|opne for familiar|open for families|timeplan|schedule|fordelingen|plass til|space for|adults until late|kommer ikke opp|kjem ikkje opp|komme seg til|kome seg til|get to"},
		{"nærmiljøanlegg|facilities", "idrettshall|hall|haller|hallen|ishall|flerbrukshall|" +
			"svømmehall|basseng|kunstgress|kunstgressbane|bane|baner|fotballbane|ballbinge|skatepark|" +
			"skateanlegg|lysløype|løype|løyper|skiløype|turstier|tursti|sti|stier|turvei|badeplass|" +
			"badeplasser|brygge|friidrettsbane|tennisbane|padel|klatrevegg|treningsapparater|utendørs trening|" +
			"aktivitetspark|lekeplass|isbane|skøytebane|anlegget|sports hall|swimming pool|pool|artificial turf|" +
			"pitch|pitches|field|fields|football field|skate park|skatepark|ski trails|trails|trail|hiking trail|" +
			"beach|bathing|playground|ice rink|climbing wall|outdoor gym|track|courts|court|" +
			"idrettsanlegg|idrettsanlegga|friluftsanlegg|nærmiljøanlegga|anlegget|anlegga|symjehall|symjehallen|svømmebasseng|basseng|bassenget|kunstgrasbane|kunstgras|grasbane|fotballbane|fotballbana|løkke|ballbinge|ballbingar|sandvolleyball|sandvolleybane|volleyballbane|basketbane|padelbane|padelbanar|tennisbanar|pumptrack|pump track|sykkelpark|skatepark|skateparken|rampe|ramper|klatrepark|klatrevegg|frisbeegolf|discgolf|lysløypa|lysløype|skiløyper|preparerte løyper|hoppbakke|alpinbakke|turstiar|turveg|turvegar|gapahuk|gapahukar|gapahuker|bålplass|bålplassar|bålplasser|grillplass|badeplass|badeplassen|stupetårn|brygga|flytebrygge|utegym|treningspark|treningsapparat|isbane|ishallen|skøytebane|lekeplass|friidrett|løpebane|swimming pool|indoor pool|pools|pitch|football pitch|artificial turf|turf|basketball court|volleyball court|padel court|tennis court|skatepark|skate park|pump track|bike park|climbing wall|climbing park|disc golf|frisbee golf|ski slope|ski jump|ski trails|floodlit trail|lit trail|hiking trails|trails|shelters|lean-to|fire pit|barbecue|bathing spot|diving tower|jetty|pier|outdoor gym|gym equipment|ice rink|skating rink|running track|sports hall|multi-use hall|" +
			"kunstgresset|slitt|worn|pool closed|stengt for reparasjon|closed for repairs|råtnet|råtna|rotten|basketball court|ramps|skate ramps|skateramper|turveg|beach volleyball|sandvolley|exercise machines|treningsapparater|hullete|holes|potholes|grass|gras|tak over|roof over|bygge|byggje|build"},
		{"organisert|egenorganisert|organised|self-organised", "idrettslag|klubb|klubber|klubben|trener|" +
			"trenere|treninger|trening|treningstider|kamper|kamp|turnering|lag|laget|seriespill|" +
			"medlemskap|medlemmer|egentrening|spontan|spontanaktivitet|uorganisert|skate|skating|løping|" +
			"jogging|parkour|e-sport|turgruppe|turlag|trimmen|ute|friluftsliv|club|clubs|coach|coaches|" +
			"training|practice|matches|match|tournament|team|teams|members|membership|informal|unorganised|" +
			"jogging|running|hiking group|esports|" +
			"idrettslaga|idrettslagene|klubbane|klubbene|fotballklubb|fotballklubben|håndballklubb|trenar|trenarar|trenarane|trenere|frivillige trenere|treningar|treningstilbod|treningstilbud|aktivitetstilbod|aktivitetstilbud|aktiviteter|aktivitetar|lag|laget|laga|lagene|spelar|spiller|spille|spele|kampar|konkurranse|konkurrere|toppidrett|bredde|breddeidrett|prestasjon|vinne|moro|for moro skyld|nybegynnere|nybyrjarar|nybegynnar|voksne|vaksne|jenter|jentene|gutter|gutar|slutter|sluttar|frafall|prøve flere idretter|allsidig|lavterskel|lågterskel|uten påmelding|utan påmelding|påmelding|åpen hall|open hall|drop-in|skating|skater|skatarar|parkour|dans|dansetilbod|løpegruppe|løpegrupper|turgruppe|turgrupper|gåturer|gågruppe|e-sport|gaming|sports clubs|football club|coaches|coaching|training sessions|practice|teams|team|games|play|players|competition|competitive|elite|winning|for fun|beginners|adults|girls|boys|drop out|dropout|drop-in|try several sports|low threshold|no registration|open gym|skaters|skateboarding|parkour|running group|walking group|hiking group|dance|esports|activities for|" +
			"benken|on the bench|sesong|sesongen|season|sluttet|sluttet med|quit|hate competing|competing|gågruppe|klatreklubb|klatreklubben|skate club|skateklubb|for moro skyld|håndball|handball|rowing|roing|sailing|seiling|orienteering|orientering|yoga|bandy|fifa|gaming|spontant|spontan|uten å være med i et lag|without joining|without a club|lov å bruke|allowed to use|tilbud for voksne|for adults"},
		{"folkehelse|rammevilkår|public health|framework", "helse|helsa|folkehelsa|inaktivitet|inaktive|" +
			"stillesitting|overvekt|livsstil|livskvalitet|psykisk|trivsel|ensomhet|kostnad|kostnader|" +
			"kontingent|kontingenter|koste|koster|kostar|betale|treningsavgift|avgift|avgifter|utstyr|utstyrssentral|tilskudd|støtte|" +
			"økonomi|penger|midler|leie|hallleie|gratis|billig|dyrt|lavinntekt|fritidskort|health|healthy|" +
			"inactivity|inactive|obesity|lifestyle|wellbeing|mental health|loneliness|cost|costs|fee|fees|" +
			"equipment|grant|grants|funding|money|subsidy|free|cheap|expensive|low income|" +
			"folkehelsen|helsa|helse|fysisk helse|psykisk helse|inaktiv|stillesittande|stillesittende|skjerm|skjermtid|overvekt|fedme|livsstil|trivsel|einsemd|ensomhet|rører seg|røre seg|bevege seg|bevegelse|kvardagsaktivitet|hverdagsaktivitet|gåturar|kontingenten|kontingentar|treningsavgift|treningsavgifta|treningsavgiften|treningsavgiftene|deltakaravgift|deltakeravgift|eigenandel|egenandel|kostar|kostnad|dyrt|for dyrt|for dyr|har råd|ikkje råd|ikke råd|råd til|prisen|prisane|prisene|halleie|hallleige|leiga|leige for|leie for|tilskot|tilskotsordning|tilskuddsordning|tilskudd|støtte|støtta|stønad|midlar|midler|penger|pengar|økonomi|økonomisk|forutsigbar|føreseieleg|forutsigbarhet|rammevilkåra|rammebetingelser|fritidskortet|fritidskort|utstyrssentral|utstyrsbu|bua|utlånssentral|utlån av utstyr|låne utstyr|health|public health|inactive|inactivity|sedentary|screen time|obesity|overweight|wellbeing|well-being|lonely|loneliness|move more|everyday activity|fee|fees|membership fee|membership fees|cost|costs|expensive|afford|affordable|price|prices|rent|hall rent|subsidy|subsidies|grant|grants|funding|money|support|predictable|multi-year|leisure card|equipment library|lend equipment|free equipment|low income|low-income|" +
			"betaler over|betalar over|pay over|tusen|thousand|går ikke lenger|fastlegen|doctor|doctors|lege|prescribe|resept|billige tilbud|billige tilbod|cheap options|stable funding|stabil finansiering|skjermen|søknader om penger|søknader|applications|costs a fortune|lending scheme|fysisk aktive|physically active|en time hver dag|an hour a day|mistar krefter|strength|mål om|goal|goals|target|mental health|psykisk"},
	}
}

// stopWords are function words of bokmål, nynorsk and English that say
// nothing about a topic, and words every input about a plan shares.
const stopWords = "og|å|i|at|for|han|hun|ho|er|en|ei|et|det|den|dei|de|som|på|av|til|med|om|har|hva|kva|" +
	"hvem|kven|hvor|kor|kvar|når|hvordan|korleis|hvorfor|kvifor|jeg|eg|meg|deg|du|vi|oss|dere|" +
	"kan|vil|skal|ikke|ikkje|noe|noko|noen|nokon|nokre|hvilke|mye|mange|litt|bare|berre|også|òg|så|nå|" +
	"fra|frå|ved|hei|takk|ja|nei|gjerne|blir|vert|bli|var|vart|være|vere|hadde|få|får|gjør|gjer|gjøre|" +
	"gjere|min|mitt|mine|din|ditt|dine|sin|sitt|sine|seg|der|her|dette|disse|desse|eller|men|fordi|hvis|" +
	"viss|enn|etter|før|under|over|mellom|mot|uten|utan|inn|ut|opp|ned|hos|sånn|slik|veldig|godt|bra|" +
	"kunne|skulle|ville|må|bør|synes|syns|meiner|mener|tror|trur|jo|vel|nok|da|altså|egentlig|kanskje|" +
	"helt|heilt|enda|ennå|mer|meir|mest|flere|fleire|andre|annen|anna|all|alle|alt|hele|heile|ønsker|" +
	"ønskjer|ønske|trenger|treng|burde|bør|gi|gjerne|sikre|viktig|viktige|kommunen|kommune|asker|" +
	"innbyggere|innbyggerne|innbyggarar|folk|plan|planen|temaplan|temaplanen|forslag|innspill|innspel|" +
	"the|a|an|is|are|was|were|be|been|being|what|when|where|which|who|why|how|can|could|would|will|" +
	"shall|should|do|does|did|i|you|your|my|me|we|our|us|they|their|them|he|she|it|its|this|that|" +
	"these|those|there|here|about|of|to|in|on|from|with|without|into|for|and|or|but|not|no|yes|if|" +
	"then|than|so|too|also|very|just|only|please|more|most|much|many|all|every|each|other|some|any|" +
	"need|needs|want|wish|think|like|would|get|make|more|less|important|municipality|council|residents|" +
	"people|plan|input|suggestion|suggest|propose|hope|ha|hos|mitt|vår|vårt|våre|sine|ha|hatt|" +
	"ta|tar|får|kommer|komme|sier|si|se|nye|ny|nytt|god|gode|mer|sted|steder|stad|ting|tid|år|dag|" +
	"gamle|gammel|gamal|nyere|old|new|as|whole|stort|general|generelt|som|such|own"
