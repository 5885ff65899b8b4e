package nlu

// cue is a bit set of the things a word can signal.
type cue uint32

const (
	cuePurpose     cue = 1 << iota // formål, purpose, why
	cueThemes                      // tema, innhold, cover, focus
	cueStart                       // oppstart, starter, begin, date
	cueWhen                        // når, when: a start cue only next to a plan
	cueList                        // liste, oversikt, all, how many
	cueWhich                       // hvilke, which
	cueDefine                      // betyr, mean, "what is"
	cueAbout                       // revideres, perspektiv, kommuneplan: facts about theme plans
	cueTemaplan                    // temaplan, theme plan
	cuePlanWord                    // plan, planer, plans
	cueParticipate                 // medvirkning, take part, influence
	cueInput                       // innspill, forslag, suggest, feedback
	cueOpinion                     // mener, burde, should, need
	cueMeeting                     // møte, meeting, video, opptak
	cueCorona                      // korona, covid, pandemi
	cueHelp                        // hjelp, help, commands
	cueGreet                       // hei, hello
	cueThanks                      // takk, thanks, bye, ok
	cueInfo                        // info, fortell, tell, status
	cueOfftopic                    // weather, kamp, pizza
	cueHow                         // hvordan, korleis, how
	cueWhat                        // hva, kva, what
	cueAsk                         // spørsmål, lurer, question, know: a question, not an opinion
	cueWish                        // flere, more, add: an opinion when a plan is named
	cueNoAnswer                    // koster, budget, project manager: about a plan, but not in the catalogue
)

// strongCues are the cues that on their own show the message is about the
// theme plans (as opposed to a bare question word).
const strongCues = cuePurpose | cueThemes | cueStart | cueList | cueDefine | cueAbout |
	cueTemaplan | cuePlanWord | cueParticipate | cueInput | cueMeeting | cueCorona |
	cueHelp | cueInfo

// Language tags of lexicon lines.
const (
	nb   int8 = 1  // bokmål or nynorsk
	en   int8 = -1 // English
	both int8 = 0
)

// cueLine is one line of the built-in lexicon: entries separated by "|";
// an entry with spaces is a phrase matched on consecutive words.
type cueLine struct {
	cue   cue
	lang  int8
	words string
}

// cueLexicon returns the built-in keyword and synonym lexicon for the
// intents. Inflected forms are listed only where stemming does not reach
// them.
func cueLexicon() []cueLine {
	return []cueLine{
		{cuePurpose, nb, "føre til|føra til|resultere i|oppnå|oppnå med|brukes til|brukast til|bli brukt til|skal gjøre|formål|formålet|føremål|føremålet|hensikt|hensikten|hensikta|mål|målet|målene|måla|" +
			"målsetting|målsettinger|målsetjing|målsetjingar|hovedmål|hovudmål|oppnå|hvorfor|kvifor|korfor|" +
			"ambisjon|ambisjoner|visjon|visjonen|poenget|meningen med|meininga med|hva skal den|hva skal planen|" +
			"hva er vitsen|vitsen|vitsen med|hva er poenget|går ut på|gjeng ut på|går den ut på|ideen bak|tanken bak|" +
			"grunnen til|bakgrunnen for|bakgrunnen|hva vil dere|hva ønsker dere|skal bidra til|få til|" +
			"ønsker å få til|vil få til"},
		{cuePurpose, en, "lead to|result in|achieve|accomplish|used for|purpose|aim|aims|goal|goals|objective|objectives|target|targets|intention|" +
			"mission|vision|why|achieve|accomplish|point of|what is it for|whats it for|what for|meant to|" +
			"idea behind|thinking behind|reason for|reasons for|rationale|trying to|intended to"},
		{cueThemes, nb, "tema|temaer|temaene|temaet|temaa|innhold|innholdet|innhald|innhaldet|handler|handlar|" +
			"handle om|omhandler|omhandlar|omhandle|dreier|dreie seg|inneholder|inneheld|inneholde|innehalde|" +
			"fokus|fokusområde|fokusområder|fokusområdene|innsatsområde|innsatsområder|innsatsområdene|" +
			"område|områder|områdene|dekker|dekke|dekkjer|emne|emner|strategi|strategier|strategiene|" +
			"prioritering|prioriteringer|satsingsområde|satsingsområder|tar for seg|tek for seg|tar opp|" +
			"kommer inn på|kjem inn på|kommer den inn på|kjem han inn på|går inn på|gjeng inn på|" +
			"i detalj|i detaljer|nærmere bestemt|til å si noe om|til å seie noko om|til å si noko om|" +
			"står i|stå i|står det i|stend i|kva står|hva står|ha med|tas med|tatt med|inkludere|inkludert|" +
			"inkluderer|med i|inngår|inngår i|omfatter|omfattar|nevnt|nevnes|nemnt|for seg"},
		{cueThemes, nb, "ta føre seg|ta for seg|tek føre seg|tar for seg|står det noe om|står det noko om|står det om|står det noe|nevner|nemner|nevnes|nemnast|sier den noe om|seier han noko om|" +
			"ta opp|tar opp|tas opp|tek opp|takast opp|blir tatt opp|vert teke opp|saker|sakene"},
		{cueThemes, en, "theme|themes|topic|topics|subject|subjects|content|contents|cover|covers|covered|" +
			"covering|include|includes|contain|contains|focus|focuses|focus areas|area|areas|address|" +
			"addresses|deal with|deals with|issues|strategy|strategies|priorities|whats in|what is in|" +
			"say about|says about|mention|mentions|mentioned|included|part of the plan|in detail|more detail|" +
			"say anything about|says anything about|talk about|talks about"},
		{cueStart, nb, "oppstart|oppstarten|oppstartsdato|start|starte|starter|startar|starten|startet|starta|" +
			"begynne|begynner|begynnar|begynte|begynnelse|byrje|byrjar|byrja|igang|i gang|igangsatt|" +
			"igangsettes|dato|datoen|tidspunkt|tidspunktet|tidsplan|tidsplanen|tidslinje|tidsløp|tidsløpet|" +
			"framdrift|fremdrift|utsatt|utsett|forsinket|forseinka|frist|fristen|sette i gang|kommer i gang|" +
			"oppstartsmøte|planlagt|oppstartstidspunkt"},
		{cueStart, en, "start|starts|starting|started|begin|begins|beginning|began|commence|commences|" +
			"kick off|kickoff|launch|launched|date|dates|timeline|timetable|schedule|scheduled|postponed|" +
			"delayed|delay|deadline|underway|get going|get started|running late|behind schedule|on schedule|on time"},
		{cueWhen, nb, "når|naar|kva tid|ka tid|hvilken dato|kor tid|snart|hvor lenge til"},
		{cueWhen, en, "when|what date|what time|how soon|how long until|soon"},
		{cueList, nb, "liste|lista|oversikt|oversikten|alle|samtlige|finnes|fins|hvor mange|kor mange|" +
			"vis|nevn|ramse opp|alle planene|alle temaplanene|fjorten|fjorten temaplanene"},
		{cueList, en, "which ones|what ones|which are there|what are there|list|lists|overview|all|every|how many|exist|available|show|enumerate|all plans|" +
			"all the plans|all theme plans|fourteen|called|names of"},
		{cueWhich, nb, "hvilke|hvilken|hvilket|kva for|kva slags|hva slags|hvilke planer|ka for"},
		{cueWhich, en, "which|what kind|what kinds"},
		{cueDefine, nb, "betyr|bety|tyder|definisjon|definere|forklar|forklare|forklaring|hva er|kva er|ka er|" +
			"hva betyr|kva betyr|hva menes|hva er det"},
		{cueDefine, en, "mean|means|meaning|definition|define|explain|what is|what are|whats|what does"},
		{cueAbout, nb, "lagar kommunen slike|lager kommunen slike|hvorfor lager kommunen temaplaner|kvifor lagar kommunen temaplanar|hvorfor har kommunen temaplaner|kvifor har kommunen temaplanar|hvorfor lage temaplaner|kvifor lage temaplanar|hva bygger|kva byggjer|kva bygger|hva bygges|kva byggjast|hvor bygger|bygger på|bygge på|bygd på|bygget på|byggjer på|byggje på|grunnlag|grunnlaget|grunnlaga|" +
			"basert på|basis|utgangspunkt|utgangspunktet|forankret|forankra|forankring|henger sammen med|heng saman med|" +
			"revidere|revideres|revidert|revisjon|rullering|rulleres|perspektiv|årsperspektiv|" +
			"12 år|tolv år|fjerde år|kommuneplan|kommuneplanen|kommuneplanens|samfunnsdel|samfunnsdelen|" +
			"handlingsprogram|handlingsprogrammet|kommunestyret|kommunestyre|bystyret|besluttet|vedtatt|" +
			"vedteke|strategisk|strategiske|0036|hvor lenge gjelder|gjelder|hvor ofte|kor ofte|hvem bestemte|" +
			"hvem har bestemt|hvem vedtok|hvem lager|hvem skriver|kven har bestemt|kem har bestemt|kven bestemte|" +
			"kem bestemte|kven vedtok|hvor lenge varer|kor lenge varer|kor lenge gjeld|varighet|nye mål|" +
			"hvor mange år|kor mange år|fram i tid|frem i tid"},
		{cueAbout, en, "make such plans|why does the municipality make theme plans|why make theme plans|why are there theme plans|why theme plans|theme plans at all|build on|builds on|built on|building on|based on|basis|foundation|foundations|grounded in|" +
			"rooted in|starting point|framework|linked to|connected to|" +
			"revised|revise|revision|perspective|12 years|twelve years|every four years|" +
			"master plan|municipal plan|action programme|action program|council|decided|strategic|" +
			"how often|how long does|who decided|who makes|who writes|who decides|how long do|how long will|" +
			"last|duration|new goals|kommuneplanen|kommuneplan|how many years|years ahead"},
		// both: English speakers use the Norwegian word too ("what's a temaplan")
		{cueTemaplan, both, "temaplan|temaplanen|temaplaner|temaplanene|temaplanar|temaplanane|tema plan|" +
			"tema planer|tema planen|temaplanarbeid|temaplanarbeidet"},
		{cueTemaplan, en, "themeplan|theme plan|theme plans|thematic plan|thematic plans|topic plan|" +
			"topic plans|sector plan|sector plans"},
		{cuePlanWord, both, "plan|plans|planen|planer|planene|planar|planane|planen sin"},
		{cueParticipate, nb, "være med og|vere med og|være med å|vere med å|bli med og|bli med i arbeidet|vere med i arbeidet|være med i arbeidet|bidra i arbeidet|medvirkning|medvirkninga|medvirkningen|medvirke|medverknad|medverke|" +
			"medvirkningsprosess|medvirkningsprosesser|delta|deltar|deltek|deltaking|deltakelse|" +
			"påvirke|påverke|påvirkning|involvere|involvert|engasjere|engasjert|engasjement|følge med|" +
			"fylgje med|oppdatert|oppdateringer|varsel|varsling|varslet|påminnelse|påminning|si min mening|" +
			"si meininga mi|høring|høyring|høringen|dialog|bli hørt|være med|vere med|bidra|bidrag|bidra i|medbestemmelse"},
		{cueParticipate, en, "participate|participation|participating|involve|involved|involvement|engage|" +
			"engaged|engagement|take part|have a say|have my say|have our say|i have a say|i have my say|we have a say|i get a say|get involved|influence|follow the work|follow|" +
			"keep up|updated|updates|notify|notified|notification|reminder|remind|hearing|consultation|" +
			"be heard|my voice|join|be part|contribute|contribution|contributing"},
		{cueInput, nb, "innspill|innspillet|innspillene|innspel|innspelet|innspela|forslag|forslaget|" +
			"forslagene|framlegg|foreslå|foreslår|foreslo|ide|idé|ideer|idéer|idear|kommentar|kommentarer|" +
			"kommentere|tilbakemelding|tilbakemeldinger|tilbakemeldingar|si fra|si ifra|si noe|si noko|seie noko|" +
			"sei frå|synspunkt|synspunkter|meining|mening|klage|sende inn|levere|melde inn|dele mine|" +
			"tanker om|tankene mine|mine tanker|legge inn"},
		{cueInput, en, "suggest|suggests|suggestion|suggestions|idea|ideas|input|inputs|comment|comments|" +
			"feedback|propose|proposal|proposals|opinion|opinions|views|complaint|say something|share my|" +
			"share our|thoughts on|thoughts about|my thoughts|" +
			"tell something|tell you something|want to tell|something to tell|" +
			"submit|send in|send something|send you something|send an idea|send a suggestion|send my|send some|" +
			"give my|add my"},
		{cueOpinion, nb, "mener|meiner|synes|syns|synest|burde|bør|trenger|treng|trengs|savner|saknar|" +
			"mangler|manglar|ønsker|ønskjer|ynskjer|håper|håpar|vil ha|vil gjerne|jeg vil|eg vil|vi vil|" +
			"må bli|må få|bør bli|jeg har|eg har|vi har|hadde vært|hadde vore|skulle ønske|prioritere|satse på|" +
			"har lyst|lyst til|vil gjerne si"},
		{cueOpinion, en, "think|believe|should|ought|need|needs|wish|hope|would like|id like|i want|" +
			"we want|i have|we have|ive got|i got|must|prioritise|prioritize|would be nice|would be great|" +
			"we need"},
		{cueWish, nb, "flere|fleire|mer|meir|legg til|bygg|bygge|lag|lage|få inn|gjerne|takk til"},
		{cueWish, en, "more|add|please add|build|put|make|get more"},
		{cueAsk, nb, "spørsmål|spørre|spør|lurer|lure|undrar|lurte|vite|finne ut|skjønne|forstå|lese"},
		{cueAsk, en, "question|questions|ask|asking|wondering|wonder|know|find out|understand|read|curious"},
		{cueMeeting, nb, "møte|møtet|møter|møta|medvirkningsmøte|medvirkningsmøtet|folkemøte|folkemøtet|" +
			"video|videoen|videoopptak|videoopptaket|opptak|opptaket|opptaka|referat|referatet|webinar|" +
			"webinaret|strømming|direktesending|juni|10 juni|onsdag|digitalt møte|seminar|konferanse|" +
			"workshop|arbeidsverksted|arbeidsverkstad|arbeidsverkstader|arbeidsverksteder|verksted|verkstad|verkstader|arrangement|arrangementet|innbyggermøte|dialogmøte|digitale møtet"},
		{cueMeeting, en, "video|meeting|meetings|recording|recorded|webinar|livestream|june|10 june|" +
			"wednesday|digital meeting|online meeting|public meeting|watch|minutes of|event|conference"},
		{cueCorona, nb, "korona|koronaen|koronaviruset|koronavirus|koronasituasjonen|koronapandemien|covid|" +
			"covid19|covid 19|pandemi|pandemien|virus|viruset|smitte|smittevern|smittetall|nedstenging|" +
			"vaksine|vaksinen|karantene|munnbind|koronatiltak|koronainformasjon"},
		{cueCorona, en, "corona|coronavirus|pandemic|infection|infections|lockdown|vaccine|vaccines|" +
			"vaccination|quarantine|masks|sars"},
		{cueHelp, nb, "hjelp|hjelpe|hjelpa|kommando|kommandoer|kommandoar|meny|menyen|instruks|" +
			"instruksjoner|veiledning|rettleiing|brukerveiledning|hva kan du|kva kan du|ka kan du|" +
			"kva kan denne tenesta|hva kan denne tjenesten|kva kan du brukast til|hva kan du brukes til|skjønner ikke hva|skjønar ikkje kva|forstår ikke hva|forstår ikkje kva|hva skal jeg gjøre her|kva skal eg gjere her|hva gjør jeg her|kva gjer eg her|hva kan jeg spørre|kva kan eg spørje|kan jeg spørre deg|kan eg spørje deg|denne chatten|chatten|chatboten|hvem er du|kven er du|hva er du|hvordan funker|" +
			"hvordan fungerer|hvordan virker|hvordan bruker jeg|korleis fungerer|hvordan bruke|hva gjør du|" +
			"hva kan boten|denne boten|hva er denne boten|hva er boten|kva er denne boten|om boten|funker dette|bruke deg|" +
			"bruke deg til|bruke boten|hvordan virker|korleis verkar|hva heter du|kva heiter du|" +
			"hva kan jeg gjøre her|kva kan eg gjere her|hva gjør jeg nå|hvem laget deg|hvem har laget deg|" +
			"kven laga deg|er du en robot|er du ein robot|er du et menneske|er du ekte|" +
			"hva slags spørsmål|kva slags spørsmål|hvilke spørsmål|kva for spørsmål|hvilke ting|hva slags ting|" +
			"spørre deg om|spørje deg om|spør deg om|stille deg|stille spørsmål|spørre om her|spørje om her|" +
			"hva kan man spørre|kva kan ein spørje|hva vet du|kva veit du|hva kan du svare"},
		{cueHelp, en, "help|helping|command|commands|menu|instructions|guide|usage|what can you do|" +
			"what can i ask|who are you|what are you|how does this work|how does this thing work|how does this bot work|how does this chat work|how do you work|how do i use|" +
			"what do i do here|dont understand what|don't understand what|what am i supposed to|what do you do|how to use|what can this bot|this bot work|does this bot|the bot work|does the bot|this chat|the chat|chat work|questions can i ask|can i ask you|options|use you|use this|what is this bot|whats this bot|" +
			"about this bot|what can the bot|chatbot|this chatbot|kind of questions|what questions|which questions|whats your name|what is your name|what can i do|what do i do|" +
			"who made you|who built you|who created you|who owns you|are you a bot|are you a robot|are you human|" +
			"are you real|ask you|ask you about|what sort of questions|what type of questions|" +
			"things can i ask|what can one ask|what do you know|what can you answer|what can you tell me"},
		{cueGreet, nb, "hei|heia|heisann|hallo|halla|hallais|hallå|heihei|hei hei|morn|morna|mojn|" +
			"god morgen|god morgon|god dag|god kveld|god ettermiddag|god aften|godmorgen|goddag|hvordan går det|korleis går det|hva skjer|" +
			"går det bra|står til"},
		{cueGreet, en, "hi|hello|hey|heya|hiya|howdy|yo|greetings|good morning|good afternoon|" +
			"good evening|how are you|whats up|sup|hola"},
		{cueThanks, both, "ok|okay"},
		{cueThanks, nb, "takk|takker|tusen takk|mange takk|ha det|hadet|hade|snakkes|okei|greit|flott|" +
			"supert|fint|kult|perfekt|god natt|topp|glimrende|ja|nei|skjønner"},
		{cueThanks, en, "thanks|thank|thx|ty|tnx|thnx|thanx|thks|thank u|cheers|bye|goodbye|see you|nice|great|perfect|cool|" +
			"awesome|good night|got it|yes|no"},
		{cueInfo, nb, "hørt om|høyrt om|hører om|høyrer om|hørt snakk om|info|informasjon|fortell|fortelle|fortel|kan du si|kan du seie|detaljer|status|statusen|les mer|lenke|" +
			"lenka|lenken|nettside|nettsiden|nettsida|saksnummer|kontakt|kontaktperson|ansvarlig|ansvar|" +
			"hvem har ansvar|hvor finner jeg|kor finn eg|hvor kan jeg lese|vite mer|vite om|noe om|noko om|" +
			"litt om|hva skjer med|kva skjer med|hvordan går det med|korleis går det med|opplysninger|opplysningar|" +
			"høre mer|høyre meir|høre mer om|høyre meir om|vite meir om|vite meir|vite mer om|få vite"},
		{cueInfo, en, "hearing about|heard about|heard of|keep hearing|info|information|tell|details|status|read more|link|website|page|url|case number|" +
			"contact|responsible|know more|learn more|what about|how about|whats happening|what is happening|" +
			"where can i read|where can i find|more about|anything about|hear more|read more about|whats the deal with|what is the deal with|whats up with"},
		{cueOfftopic, nb, "været|værmelding|spiller|spillere|skuespiller|kjendis|regn|snø|kamp|kampen|fotballkamp|vant|vinner|pizza|" +
			"oppskrift|vits|sang|film|netflix|bitcoin|aksje|aksjer|statsminister|hovedstad|restaurant|" +
			"middag|ferie|buss|bussen|tog|toget|i går|i morgen|åpningstider|apotek|lege|kjæreste|" +
			"lekser|leksene|leksa|mattelekser|matteleksene|" +
			"åpent|åpner|billett|billetter|kino|bursdag|tabell|resultat|resultatet|hvor gammel|kor gammal|kor gamal"},
		{cueNoAnswer, nb, "hvor mange andre|kor mange andre|hvor mange fler|kor mange fleire|hvem sitter i|kven sit i|kven sitt i|kem sitt i|hvem er med i|medlemmer av|medlemmene i|medlemane i|ordfører|ordføreren|ordføraren|varaordfører|" +
			"koste|kosta|koster|kostar|kostnad|kostnader|kostnaden|budsjett|budsjettet|penger|pengar|pengane|pengene|millioner|millionar|" +
			"prosjektleder|prosjektlederen|prosjektleiar|prosjektleiaren|styringsgruppe|styringsgruppa|styringsgruppen|" +
			"stemte|stemde|røystet|røysta|konsulent|konsulenter|konsulentar|hvor mange sider|kor mange sider|" +
			"hvor mye|kor mykje|kor mye|hvor mange har|kor mange har|hvor mange innspill|kor mange innspel|" +
			"leie arbeidet|lede arbeidet|leder arbeidet|leiar arbeidet|skal lede|skal leie|" +
			"søppeltømming|søppelhenting|tømming av søppel|renovasjon|tømt|tømmes|" +
			"søknad|søknaden|søknaden min|søke om|søkje om|søker om|søkjer om|avslag|vedtaket|klage på vedtaket|tt-kort|tt kort|" +
			"parti|partiet|partia|partiene|står bak|parkeringstillatelse|parkeringsløyve|parkeringsbot|byggesøknad|byggetillatelse|byggeløyve|skatt|eiendomsskatt|gamle møbler|gamle møblar|levere møbler|levere møblar"},
		{cueOfftopic, en, "weather|player|players|celebrity|singer|actor|rain|snow|match|game|won|win|winner|pizza|recipe|joke|song|movie|" +
			"netflix|bitcoin|stock|stocks|president|prime minister|capital of|restaurant|dinner|vacation|" +
			"holiday|bus|train|yesterday|tomorrow|opening hours|open|opens|pharmacy|doctor|girlfriend|" +
			"homework|math homework|maths homework|" +
			"boyfriend|ticket|tickets|cinema|birthday|score|football match|world cup|how old|your age"},
		{cueInput, en, "i have something for|ive got something for|i also have something for|i got something for|have something for the|got one for the|have one for the|one more for the|another one for the"},
		{cueInput, nb, "jeg har noe til|eg har noko til|jeg har også noe til|eg har òg noko til|har noe til planen|har noko til planen|en til til|ein til til|ett til til"},
		{cueNoAnswer, en, "how many others|how many other people|who sits on|who sits in|who is on the|who are on the|members of the|mayor|deputy mayor|" +
			"cost|costs|budget|budgets|money|funding|funded|spend|spending|million|millions|project manager|project lead|" +
			"bins|bin collection|garbage collection|trash collection|rubbish collection|collected|collection day|" +
			"how much|how many people|how many have|how many residents|how many inputs|how many comments|how many suggestions|" +
			"who leads|who is leading|who will lead|in charge of|steering group|steering committee|voted|vote|votes|apply for|application|applications|appeal|" +
			"political party|which party|parking permit|parking permits|old furniture|parking ticket|parking fine|building permit|tax|property tax|enrolment|enrollment|consultant|consultants|how many pages"},
		{cueHow, nb, "hvordan|korleis|åssen|hvorleis|koss|kossen|kordan|måte å|mulig å|mogleg å|er det mulig|" +
			"hvor kan jeg|kor kan eg|hvor sender|hvor gir"},
		{cueHow, en, "how|how do i|how can i|a way to|possible to|is it possible|where can i|where do i"},
		{cueWhat, nb, "hva|kva|ka|hvem|kven|hvor|kor|kvar"},
		{cueWhat, en, "what|who|where|wot|wht"}, // not "wat": its stem is that of "water" (shorthand spells it out)
	}
}

// genericWords are words in plan names and aliases that say nothing about
// which plan is meant on their own ("leve hele livet" is shared, "arbeid"
// and "work" appear in every question about a plan's work). They still count
// inside a phrase.
const genericWords = "handling|mot|inklusiv|leve|hele|livet|liv|full|life|people|persons|person|personer|" +
	"action|against|change|changes|including|and|with|new|ny|nye|work|arbeid|arbeidet|working|" +
	"development|utvikling|services|service|tjenester|tenester|care|home|public|language|website|" +
	"nettsider|nettside|web|municipal|municipality|kommunen|kommunens|kommune|asker|start|ups|" +
	"up|users|centre|senter|design|conditions|human|resources|plan|plans|theme|tema|temaplan|" +
	"environment|det|den|de|the|a|an|as|at|by|of|for|og|i|med|til|av|på|om|som|er|is|lik|linje|som|" +
	"time|good|god|nettsidene|ordninger|arrangements|square|education|programme|after|school|skole|" +
	"skule|skolen|skulen|barn|children|strategy|strategi|co|self|early|by|area|areas|område|" +
	"områder|focus|skills"
