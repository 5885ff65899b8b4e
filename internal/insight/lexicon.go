package insight

// tableVersion names this table; change it when the table changes, so that
// tags stored under the old one are recomputed when read.
const tableVersion = "2026-12-07"

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
			"routes|departures|station|carpool|lane|lanes|path|paths"},
		{"forbruk|consumption", "kjøpe|kjøper|kjøp|handle|handel|shopping|klær|mote|matsvinn|svinn|mat|kjøtt|" +
			"vegetar|vegetarmat|vegansk|kortreist|lokalmat|økologisk|emballasje|innkjøp|anskaffelser|" +
			"forbruker|forbrukar|forbruket|bruke mindre|mindre|overforbruk|fotavtrykk|klimaavtrykk|black friday|" +
			"kantine|kantiner|skolemat|buy|buying|purchase|purchasing|procurement|clothes|fashion|food|meat|" +
			"vegetarian|vegan|local food|organic|packaging|consume|consumer|footprint|canteen|canteens"},
		{"energi|energy", "strøm|straum|strømforbruk|solcelle|solceller|solcellepanel|solpanel|solenergi|sol|" +
			"varmepumpe|varmepumper|fjernvarme|fjernvarmen|oppvarming|varme|fyring|vedfyring|oljefyr|isolasjon|" +
			"isolere|etterisolering|enøk|energieffektiv|energieffektivisering|energibruk|bygninger|" +
			"passivhus|nullutslippsbygg|tak|vindkraft|vind|vindmølle|vannkraft|fornybar|batteri|lys|belysning|" +
			"gatelys|led|kraft|nett|enova|electricity|power|solar|panel|panels|heat|heating|heat pump|" +
			"insulation|insulate|efficiency|efficient|buildings|roof|roofs|wind|renewable|battery|" +
			"lighting|streetlights|lights|district heating"},
		{"avfall|waste", "søppel|søpla|søppelet|søppeldunk|bos|boss|avfallet|søppelkasse|søppelkasser|søppeldunk|" +
			"søppelbøtte|forsøpling|forsøpla|plast|plastavfall|plastposer|plastpose|strand|strender|strandrydding|" +
			"rydde|rydding|tømming|tømme|renovasjon|rest|restavfall|container|containere|dumping|" +
			"hundeposer|matavfall|sneiper|sigarettsneiper|litter|littering|rubbish|trash|garbage|bin|" +
			"bins|plastic|beach|beaches|collection|landfill|dumped|cleanup|clean up|bags"},
		{"gjenvinning|recycling", "resirkulering|resirkulere|resirkulert|dunk|dunker|plastdunk|kildesortering|kildesortere|sortering|" +
			"sortere|sorterer|gjenvinningsstasjon|miljøstasjon|miljøstasjoner|returpunkt|pant|pante|panteautomat|" +
			"glass|metall|papp|papir|returordning|innsamling|farlig avfall|elektronikk|elavfall|batterier|" +
			"recycle|recycled|sorting|sort|separate|separation|recycling station|deposit|return|glass|metal|" +
			"cardboard|paper|electronics|e-waste"},
		{"sirkulærøkonomi|circular", "gjenbruk|gjenbruke|ombruk|bruktbutikk|bruktbutikker|brukt|bruktmarked|" +
			"loppemarked|loppis|bytte|byttemarked|byttedag|reparere|reparasjon|reparasjoner|reparasjonskafé|" +
			"fikse|lån|låne|utlån|utlånsordning|bua|verktøy|verktøybibliotek|dele|deling|delingsøkonomi|" +
			"leie|utleie|sirkulær|sirkulære|levetid|ressurser|ressurs|kretsløp|redesign|oppgradere|second hand|" +
			"secondhand|reuse|reusing|repair|repairs|repair cafe|swap|swapping|borrow|borrowing|lending|tools|" +
			"tool library|share|sharing|rent|renting|circular|resources|lifespan|thrift|flea market|used"},
		{"samskaping|arbeidsmetodikk|co-creation|method", "samarbeid|samarbeide|sammen|samskape|medskaping|designe|utforme|løsninger|involvere|" +
			"involvering|partnerskap|tillit|dialog|innbyggerdialog|lytte|lytter|ressurs|bidra|bidrar|nabolag|" +
			"naboer|nettverk|kommunen og innbyggerne|cooperation|collaborate|collaboration|together|partnership|" +
			"trust|involve|involving|listen|contribute|neighbourhood|neighbours|network"},
		{"demokratiutvikling|nærdemokratiske|democratic|democracy", "demokrati|lokaldemokrati|nærdemokrati|" +
			"lokalutvalg|lokalutval|lokalutvalgene|kommunestyre|kommunestyret|politikere|politikarar|politiker|" +
			"politikk|valg|val|stemme|stemmerett|velgere|ungdomsråd|ungdomsrådet|eldreråd|råd|høring|høyring|" +
			"innflytelse|påvirke|påverke|åpenhet|gjennomsiktig|folkemøte|folkemøter|representanter|" +
			"beslutninger|vedtak|local councils|council|councils|politicians|politics|election|elections|vote|" +
			"voting|youth council|consultation|hearing|influence|transparency|decisions|public meeting"},
		{"innbyggertorg|dynamiske arenaer|squares", "møteplass|møteplasser|møtested|møtestader|treffsted|" +
			"treffpunkt|torg|torget|innbyggertorget|servicetorg|åpent hus|lokale|lokaler|samlingssted|" +
			"grendehus|velhus|kafé|kafe|nærmiljøsenter|bydelshus|hus|rom|meeting place|meeting places|" +
			"meeting point|square|open house|premises|venue|community house|community centre|community center|" +
			"cafe|space|spaces|rooms|hub"},
		{"frivillighet|volunteering", "frivillig|frivillige|frivilligsentral|" +
			"frivilligsentralen|dugnad|dugnader|lag|foreninger|lag og foreninger|velforening|vel|" +
			"idrettslag|medvirke|medverknad|delta|deltakelse|engasjement|engasjere|ildsjeler|volunteer|" +
			"volunteers|voluntary|clubs|associations|participate|engagement|engage|take part"},
		{"kulturlivet|cultural life", "kultur|kulturliv|kulturtilbud|festival|festivaler|konsert|konserter|" +
			"musikk|kor|korps|band|kunst|kunstnere|kunstner|utstilling|utstillinger|galleri|teater|revy|dans|" +
			"film|kino|litteratur|forfattere|kulturskole|kulturskolen|arrangement|arrangementer|kulturpris|" +
			"kulturmidler|tilskudd|culture|arts|art|artists|festival|festivals|concert|concerts|music|choir|" +
			"band|exhibition|gallery|theatre|theater|dance|cinema|literature|events|grants"},
		{"harmonisering|likeverdige|harmonisation|equal", "lik|likt|like|likeverd|rettferdig|urettferdig|" +
			"forskjell|forskjeller|forskjellsbehandling|hurum|røyken|tidligere|sammenslåing|kommunesammenslåing|" +
			"bydel|bydeler|tettsted|utkant|utkanten|sentrum|hele kommunen|alle deler|pris|priser|dyrt|billig|" +
			"gratis|egenandel|tilgjengelig|tilgang|avstand|fair|unfair|equal|equally|differences|difference|" +
			"merger|merged|district|districts|outskirts|price|prices|expensive|cheap|free|access|accessible"},
		{"kulturminnevern|cultural heritage|heritage", "kulturminne|kulturminner|kulturarv|vern|verne|vernet|" +
			"verneverdig|fredet|freda|fredning|bevare|bevaring|historie|historisk|historiske|gammel|gamle|" +
			"eldre hus|gårder|gård|kirke|kirker|kyrkje|ruin|ruiner|minnesmerke|arkeologi|museum|museer|" +
			"lokalhistorie|historielag|bygningsvern|monument|monuments|preserve|preservation|protect|protected|" +
			"listed|history|historic|historical|old buildings|church|churches|ruins|archaeology|museum|museums|" +
			"local history"},
		{"kulturarenaer|venues", "kulturhus|kulturhuset|scene|scener|sal|konsertsal|storsal|øvingslokale|" +
			"øvingslokaler|øvelokale|lokaler|arena|kulturarena|amfi|teatersal|kulturhus asker|" +
			"prøvelokale|ungdomshus|ungdomsklubb|culture house|cultural centre|stage|stages|hall|halls|" +
			"concert hall|rehearsal|rehearsal space|rehearsal rooms|youth club|venue|venues"},
		{"bibliotektilbudet|bibliotek|library", "bibliotek|biblioteket|bibliotekene|bibliotekar|bok|bøker|" +
			"boka|lån|låne|utlån|lesing|lese|lesesal|åpningstid|åpningstider|meråpent|filial|filialer|" +
			"bokbuss|bokbussen|e-bøker|lydbøker|library|libraries|librarian|book|books|borrow|reading|read|" +
			"opening hours|open|branch|branches|ebooks|audiobooks|mobile library"},
		{"skolesekken|spaserstokken|schoolbag|walking stick", "elever|elev|skole|skoler|skolen|klasse|" +
			"klassetrinn|forestilling|forestillinger|skoleforestilling|eldre|sykehjem|sjukeheim|omsorgsbolig|" +
			"pensjonister|seniorer|eldresenter|barn|unge|ungdom|pupils|pupil|school|schools|class|classes|" +
			"performance|performances|older people|elderly|nursing home|nursing homes|pensioners|seniors|" +
			"children|kids|young"},
		{"infrastruktur|infrastructure|arenaer for deltakelse", "tilrettelegging|tilrettelegge|tilgjengelighet|" +
			"universell|universell utforming|rullestol|funksjonsnedsettelse|lys|belysning|lyssetting|" +
			"parkering|toalett|toaletter|garderobe|garderober|dusj|skilting|vedlikehold|vedlikeholde|" +
			"brøyting|sikkerhet|trygg|trygt|benker|benk|kart|access|accessibility|accessible|wheelchair|" +
			"disability|lighting|lights|parking|toilet|toilets|changing rooms|showers|signs|signposting|" +
			"maintenance|maintain|snow clearing|safety|safe|benches|bench|map|maps"},
		{"nærmiljøanlegg|facilities", "idrettshall|hall|haller|hallen|ishall|flerbrukshall|" +
			"svømmehall|basseng|kunstgress|kunstgressbane|bane|baner|fotballbane|ballbinge|skatepark|" +
			"skateanlegg|lysløype|løype|løyper|skiløype|turstier|tursti|sti|stier|turvei|badeplass|" +
			"badeplasser|brygge|friidrettsbane|tennisbane|padel|klatrevegg|treningsapparater|utendørs trening|" +
			"aktivitetspark|lekeplass|isbane|skøytebane|anlegget|sports hall|swimming pool|pool|artificial turf|" +
			"pitch|pitches|field|fields|football field|skate park|skatepark|ski trails|trails|trail|hiking trail|" +
			"beach|bathing|playground|ice rink|climbing wall|outdoor gym|track|courts|court"},
		{"organisert|egenorganisert|organised|self-organised", "idrettslag|klubb|klubber|klubben|trener|" +
			"trenere|treninger|trening|treningstider|kamper|kamp|turnering|lag|laget|seriespill|" +
			"medlemskap|medlemmer|egentrening|spontan|spontanaktivitet|uorganisert|skate|skating|løping|" +
			"jogging|parkour|e-sport|turgruppe|turlag|trimmen|ute|friluftsliv|club|clubs|coach|coaches|" +
			"training|practice|matches|match|tournament|team|teams|members|membership|informal|unorganised|" +
			"jogging|running|hiking group|esports"},
		{"folkehelse|rammevilkår|public health|framework", "helse|helsa|folkehelsa|inaktivitet|inaktive|" +
			"stillesitting|overvekt|livsstil|livskvalitet|psykisk|trivsel|ensomhet|kostnad|kostnader|" +
			"kontingent|kontingenter|koste|koster|kostar|betale|treningsavgift|avgift|avgifter|utstyr|utstyrssentral|tilskudd|støtte|" +
			"økonomi|penger|midler|leie|hallleie|gratis|billig|dyrt|lavinntekt|fritidskort|health|healthy|" +
			"inactivity|inactive|obesity|lifestyle|wellbeing|mental health|loneliness|cost|costs|fee|fees|" +
			"equipment|grant|grants|funding|money|subsidy|free|cheap|expensive|low income"},
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
