package nlu

// Function words and very common words, used to tell the reply language and
// as known words that typo tolerance must not "correct" into the lexicon
// ("later" is not a misspelt "water"). Bokmål, nynorsk and common dialect
// spellings go under Norwegian.
const norwegianWords = "stort|stor|store|størst|måte|måter|måten|måtar|måtane|og|å|i|at|for|han|hun|ho|er|en|ei|et|det|den|dei|de|som|på|av|til|med|om|har|hva|kva|ka|" +
	"hvem|kven|hvor|kor|kvar|når|hvordan|korleis|åssen|koss|hvorfor|kvifor|jeg|eg|je|meg|deg|du|vi|" +
	"oss|dere|dokker|kan|vil|skal|ikke|ikkje|ikkj|noe|noko|noen|nokon|nokre|hvilke|hvilken|hvilket|" +
	"mye|mange|litt|bare|berre|også|òg|så|nå|no|fra|frå|ved|hei|hallo|takk|ja|nei|gjerne|kommunen|" +
	"kommune|blir|vert|bli|var|vart|være|vere|hadde|få|får|gå|går|gjør|gjer|gjøre|gjere|min|mitt|mine|" +
	"din|ditt|dine|sin|sitt|sine|hans|hennes|deres|seg|sjøl|selv|der|her|dette|disse|desse|eller|men|" +
	"fordi|hvis|viss|om|enn|etter|før|under|over|mellom|mot|uten|utan|inn|ut|opp|ned|hos|sånn|slik|" +
	"veldig|godt|bra|kunne|skulle|ville|må|mått|bør|vet|veit|tror|trur|synes|lurer|jo|vel|nok|da|" +
	"altså|egentlig|eigentleg|liksom|fortell|finnes|fins|starter|startar|begynner|planen|planene|" +
	"planane|planer|planar|innspill|innspel|medvirkning|oppstart|tema|temaer|formål|hjelp|spørsmål|" +
	"år|dag|uke|veke|måned|månad|ny|nye|nytt|gammel|gamle|stor|store|liten|små|alle|alt|heile|hele|" +
	"mer|meir|mest|flere|fleire|andre|annen|anna|første|fyrste|neste|siste|igjen|enda|ennå|også|" +
	"kanskje|helt|heilt|tusen|sia|siden|sidan|gang|dag|dagen|heller|hverandre|kvarandre|akkurat|" +
	"innbyggere|innbyggarar|folk|barn|unge|voksne|vaksne|skole|skule|jobb|arbeid|arbeidet|tid|" +
	"tida|tiden|mulig|mogleg|kommer|kjem|komme|kome|kjenner|veta|lage|lager|laga|arbeider|jobber|" +
	"riktig|rett|feil|greie|grei|sier|seier|si|sei|spør|spørje|spørre|svar|svare|vise|viser|sjå|se|" +
	"ok|send" // also English words: both languages claim them, so they tell neither ("ok, ja send det")

const englishWords = "as|at|by|such|via|per|own|the|a|an|is|are|was|were|be|been|being|what|whats|when|where|which|who|whom|" +
	"whose|why|how|can|could|would|will|shall|should|do|does|did|done|doing|im|id|ive|ill|i|you|your|" +
	"yours|youre|my|mine|me|we|our|us|they|their|them|he|she|his|her|it|its|this|that|these|those|" +
	"there|theres|here|about|of|to|in|on|from|with|without|into|onto|for|and|or|but|not|no|" +
	"yes|if|then|than|so|too|also|very|just|only|please|pls|plz|thanks|thank|thx|hi|hello|hey|tell|" +
	"know|want|give|get|got|have|has|had|make|made|let|lets|some|any|anything|something|more|" +
	"most|much|many|all|every|each|other|another|new|old|first|last|next|later|after|before|again|" +
	"still|yet|soon|now|today|tomorrow|yesterday|week|month|year|years|time|day|days|please|sorry|" +
	"dont|doesnt|didnt|cant|wont|isnt|arent|wasnt|whats|wheres|whens|hows|thats|theres|going|gonna|" +
	"wanna|kind|sort|way|out|up|down|over|under|between|through|during|while|because|since|until|" +
	"plans|starts|starting|begin|when|purpose|themes|topics|meeting|help|question|" +
	"people|person|someone|anyone|everyone|kids|children|school|work|job|city|town|area|place|thing|" +
	"things|stuff|lot|lots|really|actually|maybe|probably|right|wrong|well|good|bad|great|nice|" +
	"ok|okay|sure|mean|means|say|said|see|look|find|use|used|need|needs|try|read|write|send|" +
	"water|later|after|other|weather|whether|either|neither|over|under|together|number|member|" +
	"does|goes|going|doing|being|having|making|taking|coming|looking|getting|thinking|wondering"

// Common content words: known words that typo tolerance leaves alone and
// that tell the language.
const norwegianCommon = "passer|passar|passe|passa|passet|høver|handling|handlingen|handlinga|opplæring|opplæringa|opplæringen|opplæringsplan|asker|askers|vært|vore|blitt|vorte|virker|virke|verkar|fungerer|funker|senere|seinare|tidligere|tidlegare|lages|lagd|laget|gjøres|brukes|skrives|" +
	"bestemt|bestemme|bestemmer|besluttet|satse|satser|satsing|penger|pengar|kroner|bygge|bygger|" +
	"bygd|bygges|trenger|treng|ønsker|vet|visste|tenke|tenker|tenkjer|mene|meiner|sende|sender|" +
	"skrive|skriver|lese|leser|les|høre|hører|snakke|snakker|prate|prater|spørre|svarer|hjelpe|" +
	"hjelper|jobbe|bruke|bruker|finne|finner|fant|gjort|sett|kjøpe|kjøper|betale|betaler|koste|" +
	"koster|gratis|dyrt|billig|viktig|viktige|mulighet|muligheter|problem|problemer|løsning|" +
	"løsninger|forslagene|sted|steder|stad|plass|område|nabolag|nærmiljø|gate|gata|vei|veien|veg|" +
	"vegen|hus|huset|bolig|boliger|hjem|heime|hjemme|familie|familien|venner|barna|ungene|" +
	"mennesker|menneske|alle|ingen|ingenting|noen|mange|få|flest|færre|større|mindre|beste|best|" +
	"verst|lett|vanskelig|vanskeleg|fort|sakte|lenge|lenger|lengre|tidlig|seint|sent|snart|aldri|" +
	"alltid|ofte|sjelden|iblant|nettopp|allerede|allereie|fortsatt|framleis|dessverre|heldigvis|" +
	"selvfølgelig|sjølvsagt|sikkert|kanskje|uansett|samtidig|sammen|saman|alene|åleine|hverdag|" +
	"helg|helgen|uka|måneden|året|fjor|neste|forrige|morgen|kveld|natt|idag|imorgen|igår|dag|" +
	"mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|januar|februar|mars|april|mai|juli|august|" +
	"september|oktober|november|desember|klokka|klokken|time|timer|minutt|minutter|sekund|side|" +
	"sider|svaret|spørsmålet|saken|saka|sak|saker|tingen|ting|noe|slags|måte|måten|grunn|grunnen|" +
	"derfor|fordi|mens|dersom|likevel|ellers|dessuten|bortsett|gjennom|langs|rundt|utenfor|innenfor|" +
	"bak|foran|ved|siden|nærmeste|lang|kort|høy|lav|ung|eldst|yngre|glad|lei|sint|redd|trist|fin|" +
	"pen|stygg|varm|kald|god|dårlig|riktig|galt|sann|sant|usant|tror|trodde|håper|liker|likte|" +
	"elsker|hater|vil|ville|kunne|burde|måtte|skulle|sa|sagt|spurte|spurt|kom|kommet|gikk|gått|" +
	"tok|tatt|ga|gitt|fikk|fått|satt|sitter|står|stod|ligger|lå|holder|holdt|følger|fulgte|møtes|" +
	"møttes|snakkes|sees|ses|ferdig|klar|klare|tilgjengelig|ledig|stengt|åpen|opptatt|ute|inne|borte|" +
	"tilbake|videre|fremover|framover|sammenheng|henger|sammen|kommunestyret|politikerne|politikere|" +
	"ordføreren|rådmannen|administrasjonen|innbyggerne|innbyggjarane|befolkningen|samfunnet|byen|" +
	"bygda|landet|norge|noreg|oslo|bergen|trondheim|drammen|bærum|lier|hurum|røyken|heggedal|" +
	"vollen|slemmestad|nesbru|holmen|billingstad|borgen|nøtterøy|verden|verda"

const englishCommon = "rules|rule|restrictions|regulations|guidelines|later|earlier|made|make|makes|being|done|used|written|decided|decide|" +
	"money|pay|paid|build|built|building|buildings|needed|wanted|knows|knew|thought|thinks|think|" +
	"send|sent|write|wrote|read|reads|hear|heard|speak|talk|talking|ask|asked|answer|answered|" +
	"helped|find|found|buy|bought|cost|costs|free|cheap|expensive|important|possible|problem|" +
	"problems|solution|solutions|place|places|neighbourhood|neighborhood|street|road|roads|house|" +
	"houses|home|family|families|friends|kids|pupils|humans|human|everybody|nobody|nothing|" +
	"everything|somebody|few|fewer|less|least|bigger|smaller|best|worst|easy|hard|difficult|fast|" +
	"slow|long|longer|early|late|never|always|often|sometimes|already|still|unfortunately|" +
	"luckily|course|surely|perhaps|anyway|together|alone|everyday|weekend|weekends|monday|" +
	"tuesday|thursday|friday|saturday|sunday|january|february|march|april|may|july|august|" +
	"september|october|november|december|clock|hour|hours|minute|second|side|pages|answers|" +
	"case|cases|matter|reason|reasons|therefore|though|although|however|otherwise|besides|" +
	"except|around|outside|inside|behind|front|near|nearest|short|high|low|young|younger|oldest|" +
	"happy|sad|angry|afraid|tired|pretty|ugly|warm|cold|true|false|believe|believed|liked|loved|" +
	"hated|came|went|gone|took|taken|gave|given|sat|sits|stand|stands|lies|holds|held|follows|" +
	"followed|finished|ready|closed|busy|back|forward|politicians|mayor|administration|residents|" +
	"population|society|country|norway|world|passport|license|licence|tax|taxes|france|paris|" +
	"london|sing|play|playing|watching|eat|eating|drink|drinking|sleep|sleeping|today|tonight|" +
	"morning|evening|night|there|anybody|everyone|someone|people|man|woman|women|men|child|" +
	"adults|life|lives|live|living|lived|hobby|fun|music|game|games|phone|email|mail|address|" +
	"number|numbers|name|names|word|words|text|message|messages|chat|channel|server|slack|discord"

// More everyday words, so that typo tolerance does not turn them into plan
// words ("order" is not a misspelt "older").
// Asker's places: names residents use all the time, never a typo of a
// lexicon word nor a compound of one ("Hallenskogen" is no sports hall).
const askerPlaces = "hallenskogen|heggedal|holmen|vollen|borgen|hvalstad|billingstad|gullhella|slemmestad|bondi|dikemark|" +
	"drengsrud|hurum|røyken|sætre|tofte|filtvet|spikkestad|nesøya|vettre|blakstad|hofstad|solberg|vardåsen|" +
	"nesbru|høn|landøya|bleiker|risenga|føyka|fusdal|hagaløkka|kjenn|leikvoll|bjerkås|bjerkåsholmen|konglungen|" +
	"engelsrud|rortunet|torvet|nærsnes|åros|kana|klokkarstua|storsand|verket|hyggen|midtbygda|bødalen|yggeset|" +
	"gjellum|arnestad|jansløkka|frydenlund|sem|semsvannet|semsvann|askerselva|neselva|oslofjorden|kadettangen|" +
	"båtstø|rødsten|mølla|sundby|tveter|torstad|hvalstadåsen|brønnøya|vendelbo|lier"

// Dialect and spoken forms that are Norwegian words of their own, never a
// typo of a lexicon word ("dåkker" is no "dekker", "høyrt" no "høyre").
const norwegianDialect = "dåkker|dokker|dokk|dykk|dåkk|høyrt|høyrd|hørt|kæm|kem|itj|ittj|bynne|bynner|lell|rætt|" +
	"førresten|forresen|sku|skoill|hain|ho|dæm|dæmm|dem|dæ|mæ|sæ|æ|kordan|åffer|kvifor|koffor|kossen"

const norwegianEveryday = "planlegging|planlegge|planlegger|planlagt|planlegginga|mat|maten|spise|spiser|drikke|drikker|bestille|bestiller|handle|kjøre|" +
	"kjører|bil|bilen|sykle|gå|løpe|svømme|reise|reiser|tur|turen|hytte|hytta|fjell|skog|skogen|" +
	"strand|båt|fly|flyet|hund|hunden|katt|katten|dyr|bok|boka|boken|bøker|avis|avisa|tv|radio|" +
	"telefon|mobil|mobilen|pc|data|nett|nettet|internett|app|appen|epost|melding|meldinger|brev|" +
	"pakke|post|posten|butikk|butikken|kafe|kafé|bar|kirke|kirka|skolegården|parken|park|torget|" +
	"sentrum|byen|kontor|kontoret|jobben|sjefen|kollega|kollegaer|lønna|ferien|sommer|sommeren|" +
	"vinter|vinteren|høst|høsten|vår|våren|jul|julen|påske|påsken|bursdagen|fest|festen|venn|" +
	"vennen|mor|far|mamma|pappa|søster|bror|datter|sønn|kone|mann|mannen|dama|gutt|jente|gutten|" +
	"jenta|legen|sykehus|sykehuset|tannlege|helse|syk|frisk|vondt|trøtt|sulten|tørst|" +
	"penger|lommebok|lommeboka|nøkkel|nøkler|passord|konto|bank|banken|regning|skatt|skatten|" +
	"strøm|strømmen|lys|lyset|varme|kaldt|varmt|vind|storm|sol|sola|månen|himmelen|farge|fargen|" +
	"rød|blå|grønt|gul|svart|hvit|kvit|nummer|navn|namn|navnet|adresse|adressa|alder|høyde|" +
	"vekt|lengde|pris|prisen|rabatt|tilbudet|salg|kjøp|leie|leilighet|rom|rommet|kjøkken|bad|" +
	"seng|sofa|bord|stol|dør|døra|vindu|tak|golv|gulv|trapp|heis|garasje|hage|hagen|plen|tre|" +
	"blomster|blomst|gress|snill|slem|morsom|kjedelig|kjedar|kjeder|keisam|rart|rar|flink|dum|" +
	"smart|klok|lat|sliten|glemte|glemt|huske|husker|mistet|miste|funnet|lete|leter|vente|venter|" +
	"sove|sover|våkne|jobbe|studere|lære|lærer|spille|spiller|synge|danse|se|ser|så|høre|lukt|" +
	"smak|smaker|føle|føler|tenkte|trodde|visste|kjente|heter|heite|heiter|bor|budde|flytte|" +
	"flyttet|født|død|gift|skilt|alene|sammen|klokka|tiden|timen|uken|helga|kvelden|natta|morgenen"

const englishEveryday = "lane|lanes|path|paths|cycle|cycles|planning|planned|planner|planners|orders|food|eat|drink|buy|sell|drive|driving|car|cars|bike|walk|run|" +
	"swim|travel|trip|cabin|mountain|forest|beach|boat|plane|dog|cat|animal|book|books|paper|" +
	"newspaper|tv|radio|phone|mobile|computer|internet|app|email|letter|package|post|shop|store|" +
	"cafe|bar|church|park|square|downtown|office|boss|colleague|summer|winter|autumn|fall|spring|" +
	"christmas|easter|party|friend|mother|father|mom|dad|sister|brother|daughter|son|wife|husband|" +
	"boy|girl|hospital|dentist|health|sick|ill|pain|tired|hungry|thirsty|wallet|key|keys|password|" +
	"account|bank|bill|power|light|heat|hot|wind|sun|moon|sky|colour|color|red|blue|yellow|black|" +
	"white|name|age|height|weight|length|price|discount|offer|sale|rent|flat|apartment|room|" +
	"kitchen|bathroom|bed|sofa|table|chair|door|window|roof|floor|stairs|elevator|lift|garage|" +
	"garden|lawn|tree|trees|flower|flowers|grass|kind|funny|boring|bored|strange|weird|clever|" +
	"stupid|smart|lazy|forgot|forget|remember|lost|lose|found|search|wait|waiting|sleep|wake|study|" +
	"learn|learning|sing|dance|watch|hear|smell|taste|feel|felt|knew|called|live|lives|moved|move|" +
	"born|dead|married|divorced|alone|tonight|weekend|favourite|favorite|colour|tall|small|big|" +
	"large|little|high|quick|quickly|slowly|reset|login|log|sign|signed|upload|download|install|" +
	"update|delete|remove|cancel|change|changed|fix|fixed|broken|error|problem|issue|bug|crash|" +
	"mount|everest|france|germany|sweden|denmark|america|england|spain|italy|china|japan|" +
	"everest|ocean|sea|river|lake|city|village|planet|earth|space|star|stars|universe|robot|" +
	"alien|magic|dragon|king|queen|prince|princess|war|peace|army|police|fire|firefighter|" +
	"order|coffee|tea|beer|wine|water|milk|bread|cheese|meat|fish|chicken|rice|pasta|pizza|" +
	"burger|fries|salad|soup|cake|cookie|chocolate|candy|icecream|breakfast|lunch|supper"
