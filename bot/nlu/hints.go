package nlu

// planHints are the matcher's own extra names for the default catalogue's
// plans, for words the catalogue leaves out because they are shared or too
// general for a catalogue alias (catalogue rule: no two plans share an
// alias). A leading "!" marks the plan a shared word means by default:
// "skole" is first the school plan, then the capacity plan. Hints for ids
// missing from the catalogue are ignored.
func planHints(id string) string {
	return map[string]string{
		"medborgerskap": "medborger|medborgere|medborgar|demokrati|citizen|citizens|democracy|frivillige|" +
			"volunteer|innbyggertorget|civic|medborgerskapsplan",
		"kultur": "kulturell|kulturelle|cultural|kunstnere|artists|museum|museer|museums|bibliotekene|" +
			"konsert|concert|concerts|kulturplan|kulturtilbudet|kulturplanens|theatre|culture plan",
		"fysisk-aktivitet": "fritid|fritidsaktiviteter|leisure|idretten|fotball|football|svømming|swimming|friluft|tur|" +
			"turer|hiking|aktivitet|aktiviteter|activity|physical|fysisk|idrettsanleggene|sports plan|" +
			"sportsplan|sport plan|physical activity|aktivitetsplan|idrettslagene",
		"klima": "climate|klimaendring|klimaendringer|environment|miljø|miljøet|grønn|green|" +
			"bærekraft|bærekraftig|sustainability|sustainable|fornybar|renewable|elbiler|ladestasjoner|" +
			"ladestasjon|sykkelveier|bike|bikes|bicycle|co2|karbon|klimaet|klimagassutslippene|cycle|cycles|" +
			"cyclists|cycle paths|cycle lanes|bike lanes|bike paths|sykkelvei|sykkelsti|sykkelstier|syklister",
		"naering": "næringsplanen|næringslivsplan|economy|economic|bedriftene|handelsnæring|" +
			"landbruket|bønder|bonde|gård|gårder|jobs|arbeidsplasser|næringsutvikling|trade|commerce",
		"arbeidsgiverpolitikk": "arbeidsgiverpolitikken|ansatte|ansette|employees|employee|staff|" +
			"personalpolitikk|lønn|salary|salaries|wages|arbeidsmiljø|employer|employers|" +
			"employer policy|hr policy|rekruttering",
		"kommunikasjon": "kommunikasjonen|kommunisere|communicate|communicating|informasjonsarbeid|" +
			"media|medier|communication plan",
		"skole-barnehagekapasitet": "kapasiteten|plass|plasser|places|skoleplass|barnehageplass|" +
			"utbygging|skolebygg|capacity|kapasitetsplanen|new schools|nye skoler",
		"grunnskole": "!skole|!skoler|!skolen|!skolene|!school|!schools|!skule|!skular|elev|pupil|" +
			"student|students|lærer|teacher|undervisning|education|grunnskoleplanen|skoleplanen|" +
			"school plan|primary|elementary|barneskole|ungdomsskole",
		"barnehage": "!barnehage|!barnehager|!barnehagen|!kindergarten|!kindergartens|!nursery|!preschool|" +
			"barnehageplanen|daycare|preschool|førskolebarn|kindergarten plan",
		"funksjonsnedsettelser": "funksjonsnedsatte|funksjonsnedsatt|handicap|handikap|" +
			"handikappede|funksjonshemmede|uføre|disabled|disabilities|disability|special needs|" +
			"spesielle behov|universell utforming|tilrettelegging|nedsatt funksjonsevne|" +
			"funksjonsnedsettelsesplanen",
		"eldre": "eldreplanen|elderly|older|seniors|senior|aged|aging|ageing|pensjonist|" +
			"pensjonister|pensioner|pensioners|retired|retirees|alderdom|gamle|old people|" +
			"eldreomsorg|sykehjem|plan for the elderly|eldrebølgen",
		"vann": "vannet|vatn|vatnet|water|waters|drikkevann|avløp|kloakk|sewage|overvann|" +
			"vannforsyning|vannkvalitet|water quality|elver|rivers|bekker|streams|innsjøer|lakes|" +
			"fjorden|fjord|sjøen|vassdrag|water plan|vannplanen",
		"digitalisering": "digital|digitale|digitalt|digitalization|digitalisation|digitization|" +
			"digitalisert|digitaliseringen|teknologi|technology|smart|tech|ikt|ict|" +
			"digitaliseringsplanen|digitalisation plan|digitalization plan|digital plan",
	}[id]
}
