package nlu

// Function words and very common words, used to tell the reply language and
// as known words that typo tolerance must not "correct" into the lexicon
// ("later" is not a misspelt "water"). Bokmål, nynorsk and common dialect
// spellings go under Norwegian.
const norwegianWords = "og|å|i|at|for|han|hun|ho|er|en|ei|et|det|den|dei|de|som|på|av|til|med|om|har|hva|kva|ka|" +
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
	"riktig|rett|feil|greie|grei|sier|seier|si|sei|spør|spørje|spørre|svar|svare|vise|viser|sjå|se"

const englishWords = "the|a|an|is|are|was|were|be|been|being|what|whats|when|where|which|who|whom|" +
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
