// Package dataset defines the shape of the finder's dataset: the records a
// maintainer edits under data/*.json and the single bundle the browser module
// and the worker load.
//
// The package holds types and pure helpers only. It must not import
// encoding/json, fmt or reflect: the browser module links it, and every byte
// of that module is paid for by a partner's page. Reading and writing the
// files lives in package data/store; checking them in data/validate.
//
// The types are the one description of a record: their json tags give the
// files, the bundle and the search contract, their csv tags the maintainers'
// spreadsheet. The browser module's bundle decoder and the contract's record
// encoders are generated from them (scripts/gen-schema), so after changing a
// type run `go generate ./...`; a test fails while the generated code is stale.
package dataset

//go:generate go run ../../scripts/gen-schema -root ../..

// File names of the dataset under data/. Each file is a JSON array of records.
const (
	CountiesFile             = "counties.json"
	MunicipalitiesFile       = "municipalities.json"
	TerritoriesFile          = "territories.json"
	FormerMunicipalitiesFile = "former_municipalities.json"
	PostcodesFile            = "postcodes.json"
	TopicsFile               = "topics.json"
	ContactPointsFile        = "contact_points.json"
	SourcesFile              = "sources.json"
	RegionsFile              = "regions.json"
	DistrictsFile            = "districts.json"
	CrisisLinesFile          = "crisis_lines.json"
	LexiconFile              = "lexicon.json"
)

// Dataset is the whole dataset. Its JSON form (the bundle served as
// /v1/dataset.json) is one object whose keys are the fields' json tags.
type Dataset struct {
	// Version is a content hash of the bundle, set when the bundle is built.
	Version              string               `json:"version,omitempty"`
	Counties             []County             `json:"counties"`
	Municipalities       []Municipality       `json:"municipalities"`
	Territories          []Territory          `json:"territories"`
	FormerMunicipalities []FormerMunicipality `json:"former_municipalities"`
	Postcodes            []Postcode           `json:"postcodes"`
	Topics               []Topic              `json:"topics"`
	ContactPoints        []ContactPoint       `json:"contact_points"`
	Sources              []Source             `json:"sources"`
	Regions              []Region             `json:"regions"`
	Districts            []District           `json:"districts"`
	CrisisLines          []CrisisLine         `json:"crisis_lines"`
	Lexicon              []Lexeme             `json:"lexicon"`
}

// Name is one official form of a place name with its language:
// "nb" (Norwegian), "se" (Northern Sami), "smj" (Lule Sami), "sma" (Southern
// Sami), "fkv" (Kven), "smi" (Sami, language not given by the source),
// "und" (a Sami or Kven form; the source does not say which: the county
// parallel names).
type Name struct {
	Name     string `json:"name"`
	Language string `json:"language"`
}

// Text is a text in one language: "nn" (Nynorsk) or "en" (English) for a
// contact point's citizen note, whose bokmål text is CitizenNote itself.
type Text struct {
	Language string `json:"language" csv:"språk"`
	Text     string `json:"text" csv:"tekst"`
}

// County is one of the 15 counties of 2024.
type County struct {
	Number       string `json:"number"`        // two digits, "46"
	Name         string `json:"name"`          // short Norwegian name, "Troms"
	OfficialName string `json:"official_name"` // with parallel names, "Troms - Romsa - Tromssa"
	Names        []Name `json:"names"`
}

// Municipality is one of the 357 municipalities of 2024.
type Municipality struct {
	Number       string  `json:"number"`        // four digits, "4601"
	Name         string  `json:"name"`          // Norwegian form, "Kautokeino"
	OfficialName string  `json:"official_name"` // SSB's name, "Guovdageaidnu - Kautokeino"
	Names        []Name  `json:"names"`         // every official form, the Norwegian one included
	County       string  `json:"county"`        // county number
	AdminCentre  string  `json:"admin_centre"`
	Population   int     `json:"population"`
	AreaKm2      float64 `json:"area_km2"`
	LanguageForm string  `json:"language_form"` // Bokmål, Nynorsk, Nøytral
	// Lat and Lon are the point used for distances: near where people live,
	// not the geometric centre (see PointMethod).
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	PointMethod string  `json:"point_method"`
}

// Territory is an area with postcodes that is not one of the 357
// municipalities (Svalbard, Jan Mayen).
type Territory struct {
	Number string  `json:"number"`
	Name   string  `json:"name"`
	Lat    float64 `json:"lat"`
	Lon    float64 `json:"lon"`
}

// FormerMunicipality is a municipality number valid before 2024 and the 2024
// municipalities that succeeded it (two or more when it was split).
type FormerMunicipality struct {
	Number     string   `json:"number"`
	Name       string   `json:"name"`
	Period     string   `json:"period"` // "2019" or "2020-2023"
	Successors []string `json:"successors"`
	Change     string   `json:"change"` // uendret, nytt_nummer, navneendring, sammenslaatt, delt
}

// Postcode is one postcode of the postal register.
type Postcode struct {
	Code         string `json:"code"`         // four digits
	Place        string `json:"place"`        // postal place, title case
	Municipality string `json:"municipality"` // 2024 municipality or territory number
	Category     string `json:"category,omitempty"`
	// Lat and Lon are zero when the source has no point for the postcode.
	Lat float64 `json:"lat,omitempty"`
	Lon float64 `json:"lon,omitempty"`
}

// HasPoint reports whether the postcode has its own coordinates.
func (p Postcode) HasPoint() bool { return p.Lat != 0 || p.Lon != 0 }

// Topic is one theme of self-help groups with the words people type for it.
type Topic struct {
	ID   string `json:"id"`
	Name string `json:"name"` // bokmål display name
	// Names are display names in other languages ("nn", "en", "se"); the
	// widget shows the one of its lang and falls back to Name.
	Names    []Name      `json:"names,omitempty"`
	Synonyms []string    `json:"synonyms"`
	Sources  []SourceRef `json:"sources"`
}

// Contact point kinds.
const (
	KindNationalOffice = "national_office" // Selvhjelp Norge
	KindFoundation     = "foundation"      // Stiftelsen Norsk selvhjelpsforum
	KindDistrictOffice = "district_office" // Selvhjelp Norge's regional offices (closed 2023)
	KindCentre         = "centre"          // LINK self-help centres
	KindLocal          = "local"           // municipal or volunteer contact points, local projects
	// KindPeerGroup is a local self-help or peer (likeperson) group, or a
	// chapter of a user organisation that runs such groups: people in the
	// same situation, no professional leader (a local Angstringen, a LEVE
	// county chapter).
	KindPeerGroup = "peer_group"
	// KindOrganisation is a voluntary, user or patient organisation (or a
	// chapter of one) that starts or runs self-help groups.
	KindOrganisation = "organisation"
	// KindLedGroup is a grief or conversation group where people in the
	// same situation share experiences but a deacon, priest, health worker
	// or trained volunteer leads: not self-organised.
	KindLedGroup = "led_group"
	// KindDropIn is an open, regular drop-in meeting place or café for
	// people in the same situation (not a closed group).
	KindDropIn = "drop_in"
	// KindRelativesCentre is a low-threshold centre for relatives with
	// conversations and groups led by staff.
	KindRelativesCentre = "relatives_centre"
	// KindMeetingDirectory is a national fellowship or portal with a list
	// of meetings all over the country (AA, Al-Anon, sorggrupper.no): never
	// a local contact point.
	KindMeetingDirectory = "meeting_directory"
)

// kindLabels is the one table of kinds: each kind's Norwegian word, used in
// the spreadsheet and in messages for maintainers. Validation and the CSV
// read it, so a new kind is added here only.
var kindLabels = [...]struct{ kind, label string }{
	{KindNationalOffice, "nasjonalt kontor"},
	{KindFoundation, "stiftelse"},
	{KindDistrictOffice, "distriktskontor"},
	{KindCentre, "senter"},
	{KindLocal, "lokalt"},
	{KindPeerGroup, "lokal gruppe"},
	{KindOrganisation, "organisasjon"},
	{KindLedGroup, "ledet gruppe"},
	{KindDropIn, "åpen møteplass"},
	{KindRelativesCentre, "pårørendesenter"},
	{KindMeetingDirectory, "nasjonal møteoversikt"},
}

// KindLabel is a kind's Norwegian word; "" for an unknown kind.
func KindLabel(kind string) string {
	for _, k := range kindLabels {
		if k.kind == kind {
			return k.label
		}
	}
	return ""
}

// Kinds lists every contact point kind.
func Kinds() []string {
	out := make([]string, len(kindLabels))
	for i, k := range kindLabels {
		out[i] = k.kind
	}
	return out
}

// KindIsLed reports whether groups of the kind have a leader (a deacon,
// staff): at the same distance, self-organised and peer groups come first.
func KindIsLed(kind string) bool {
	return kind == KindLedGroup || kind == KindRelativesCentre
}

// Contact point statuses. Only StatusActive may be presented as active.
const (
	StatusActive  = "active"
	StatusClosed  = "closed"
	StatusUnknown = "unknown"
)

// StatusLabel is a status as maintainers read and write it (the console,
// the spreadsheet); "" for an unknown status.
func StatusLabel(status string) string {
	switch status {
	case StatusActive:
		return "aktiv"
	case StatusClosed:
		return "stengt"
	case StatusUnknown:
		return "ukjent"
	}
	return ""
}

// Statuses lists every contact point status.
func Statuses() []string { return []string{StatusActive, StatusClosed, StatusUnknown} }

// ContactPoint is a place a citizen can turn to for self-organised self-help.
//
// The csv tags give the maintainers' spreadsheet (scripts/finder export-csv,
// import-csv): the column header, then options: required (the column must
// be present), kind and status (written as the Norwegian word), number (a
// leading zero a spreadsheet stripped is put back). A list is one cell,
// comma-separated; a list of records takes numbered columns, kilde1_url,
// kilde1_dato, kilde1_fakta, kilde2_url, ...
type ContactPoint struct {
	ID           string   `json:"id" csv:"id,required"`
	Name         string   `json:"name" csv:"navn,required"`
	Kind         string   `json:"kind" csv:"type,required,kind"`
	Municipality string   `json:"municipality,omitempty" csv:"kommunenummer,number"` // where it is, 2024 number
	Serves       []string `json:"serves,omitempty" csv:"betjener_kommuner,number"`   // municipality numbers it serves besides its own
	ServesAll    bool     `json:"serves_all,omitempty" csv:"hele_landet"`            // a national resource
	Coverage     string   `json:"coverage,omitempty" csv:"dekningsområde"`           // the coverage as the source words it
	Address      string   `json:"address,omitempty" csv:"adresse"`
	Postcode     string   `json:"postcode,omitempty" csv:"postnummer,number"`
	PostalPlace  string   `json:"postal_place,omitempty" csv:"poststed"`
	Phone        string   `json:"phone,omitempty" csv:"telefon"`
	Email        string   `json:"email,omitempty" csv:"epost"`
	URL          string   `json:"url,omitempty" csv:"nettadresse"`
	Groups       string   `json:"groups,omitempty" csv:"grupper"` // what groups it runs, as the source says
	Topics       []string `json:"topics,omitempty" csv:"temaer"`  // topic ids
	Status       string   `json:"status" csv:"status,required,status"`
	StatusNote   string   `json:"status_note,omitempty" csv:"statusmerknad"` // for maintainers
	Note         string   `json:"note,omitempty" csv:"merknad"`              // for maintainers
	// CitizenNote is what a citizen reads about the record, in plain
	// Norwegian (bokmål); the notes above are for maintainers.
	CitizenNote string `json:"citizen_note,omitempty" csv:"merknad_innbygger"`
	// CitizenNotes are CitizenNote in Nynorsk and English, for the widget
	// to show in the element's language; the spreadsheet gives them numbered
	// columns, merknad_innbygger1_språk, merknad_innbygger1_tekst, ...
	CitizenNotes []Text `json:"citizen_notes,omitempty" csv:"merknad_innbygger"`
	// LastVerified is the newest date the sources show for the record, as
	// precise as they give it: "2017-02-03", "2019-11" or "2023". Empty when
	// no source shows a date: the record has never been verified.
	LastVerified string      `json:"last_verified" csv:"sist_verifisert"`
	Sources      []SourceRef `json:"sources" csv:"kilde"`

	// Practical facts: what a person needs to know before going. Each is
	// empty unless a source states it.

	// Schedule is when and how often groups meet, in the source's words.
	Schedule string `json:"schedule,omitempty" csv:"møtetid"`
	// Meetings are the weekdays and times Schedule gives, where it gives them.
	Meetings []Meeting `json:"meetings,omitempty" csv:"møte"`
	// Attendance is AttendanceOnline, AttendanceInPerson or AttendanceBoth.
	Attendance string `json:"attendance,omitempty" csv:"oppmøte"`
	// MinAge is the lowest age in years a source states; AgeNote the age
	// rule in the source's words (groups by age, exceptions).
	MinAge  int    `json:"min_age,omitempty" csv:"aldersgrense"`
	AgeNote string `json:"age_note,omitempty" csv:"alder"`
	// Cost is what taking part costs, in the source's words; Free is true
	// when the source says it is free of charge.
	Cost      string `json:"cost,omitempty" csv:"kostnad"`
	Free      bool   `json:"free,omitempty" csv:"gratis"`
	HowToJoin string `json:"how_to_join,omitempty" csv:"hvordan_bli_med"`
	// Languages are the languages groups are held in (BCP 47 primary tags).
	Languages     []string `json:"languages,omitempty" csv:"språk"`
	Accessibility string   `json:"accessibility,omitempty" csv:"tilgjengelighet"` // of the premises
	// Notice is a short temporary notice ("no groups in July"), shown until
	// NoticeUntil (YYYY-MM-DD) when that is set.
	Notice      string `json:"notice,omitempty" csv:"kunngjøring"`
	NoticeUntil string `json:"notice_until,omitempty" csv:"kunngjøring_til"`
}

// Attendance values: how a person takes part.
const (
	AttendanceOnline   = "online"
	AttendanceInPerson = "in_person"
	AttendanceBoth     = "both"
)

// Weekdays are the values of Meeting.Weekday, Monday first.
func Weekdays() []string {
	return []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
}

// Meeting is one weekly or monthly meeting time a source gives.
type Meeting struct {
	Weekday string `json:"weekday" csv:"ukedag"`        // one of Weekdays()
	Start   string `json:"start,omitempty" csv:"start"` // "18:00"
	End     string `json:"end,omitempty" csv:"slutt"`   // "20:00"
}

// SourceRef is one public page a record's facts come from.
type SourceRef struct {
	URL      string `json:"url" csv:"url"`
	PageDate string `json:"page_date,omitempty" csv:"dato"` // the date the page shows, in its own words
	Facts    string `json:"facts,omitempty" csv:"fakta"`
}

// Source is one data source with its licence and the attribution it asks for.
type Source struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	URL         string `json:"url"`
	Licence     string `json:"licence"`
	Attribution string `json:"attribution,omitempty"`
	Vintage     string `json:"vintage"`
	Used        string `json:"used"` // which files and fields it feeds
}

// Region kinds: how people name a group of municipalities.
const (
	RegionLandsdel       = "landsdel"        // Nord-Norge, Vestlandet
	RegionFormerCounty   = "former_county"   // Sogn og Fjordane, Hordaland
	RegionDistrict       = "district"        // traditional districts: Lofoten, Hardanger
	RegionEconomicRegion = "economic_region" // SSB's economic regions (Klass 108)
)

// Region is a name people use for several municipalities (a landsdel, a
// former county, a traditional district, an SSB economic region).
type Region struct {
	Name           string   `json:"name"`
	AltNames       []string `json:"alt_names,omitempty"`
	Kind           string   `json:"kind"`
	Municipalities []string `json:"municipalities"` // 2024 numbers
	Source         string   `json:"source"`
	Note           string   `json:"note,omitempty"`
}

// District kinds.
const (
	DistrictBorough       = "borough"       // bydel
	DistrictNeighbourhood = "neighbourhood" // strøk
	DistrictTown          = "town"          // tettsted
)

// District is a city district or neighbourhood inside one municipality.
type District struct {
	Name         string   `json:"name"`
	AltNames     []string `json:"alt_names,omitempty"`
	Kind         string   `json:"kind"`
	Municipality string   `json:"municipality"`
	// Lat and Lon are zero when no source gives a point.
	Lat    float64 `json:"lat,omitempty"`
	Lon    float64 `json:"lon,omitempty"`
	Source string  `json:"source"`
	Note   string  `json:"note,omitempty"`
}

// HasPoint reports whether the district has its own coordinates.
func (d District) HasPoint() bool { return d.Lat != 0 || d.Lon != 0 }

// CrisisLine is a real crisis or help line shown first when someone writes
// about suicide, self-harm or acute crisis.
type CrisisLine struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Number string `json:"number,omitempty"` // as people dial it, "116 123"; empty for chat-only services
	For    string `json:"for"`              // who it is for
	Hours  string `json:"hours,omitempty"`  // as the sources state them; empty when none does
	URL    string `json:"url,omitempty"`
	// Order is the display order, lowest first: acute numbers, then
	// round-the-clock lines, then lines for particular groups.
	Order   int         `json:"order"`
	Note    string      `json:"note,omitempty"`
	Sources []SourceRef `json:"sources"`
}

// Lexeme is one entry of the language the engine reads queries with: a word,
// a word beginning, a phrase or an ending, and the role it plays when a query
// holds it. The lexicon is curated data (data/lexicon.json), so that people
// who know a language can read and correct it without Go; the engine folds
// Text (ø→o, æ→e, å→a, lower case) when it loads.
type Lexeme struct {
	Text string `json:"text" csv:"tekst,required"` // as written: "tenkjer på", "selvmord"
	Role string `json:"role" csv:"rolle,required"` // one of Roles()
	// Language is a BCP 47 primary tag ("nb", "nn", "en", "pl"); "no" for a
	// form bokmål and nynorsk share, "und" for one of no single language.
	Language string `json:"language" csv:"språk,required"`
	// Category refines a role: the kind of crisis signal of a crisis cue
	// (CrisisCategories), the kind of place of a place cue (PlaceRoles).
	Category string `json:"category,omitempty" csv:"kategori"`
	// Place is the municipality number Text folds to when it is also a
	// place's name ("sola", "gran"): the entry must say so, and validation
	// checks it.
	Place string `json:"place,omitempty" csv:"kommunenummer,number"`
	// Reviewed is true when someone who reads the language (and, for crisis
	// cues, a clinician's eye) has checked the entry; unreviewed entries are
	// listed for review (finder lexicon --unreviewed).
	Reviewed bool   `json:"reviewed,omitempty" csv:"gjennomgått"`
	Note     string `json:"note,omitempty" csv:"merknad"` // why the entry is there
}

// Lexeme roles: what an entry does in a query. The one table of roles:
// validation, the diff and the engine read it.
const (
	RoleStop             = "stop"              // skipped between a place and a topic: "i", "gruppe"
	RoleCommon           = "common"            // an ordinary word, never a place: "har", "kona"
	RoleNoun             = "noun"              // an ordinary noun, alone never a place, still a thing or a topic: "helg", "stigen"
	RolePlainWord        = "plain_word"        // a place's name without its letters, a word typed so: "ha" (Hå)
	RoleHomograph        = "homograph"         // a place named by an ordinary word: "sola", "gran"
	RolePlacePreposition = "place_preposition" // before a homograph, makes it a place: "i", "fra"
	RoleYearCue          = "year_cue"          // before four digits, makes them a year: "siden"
	RoleIdiom            = "idiom"             // a phrase in which a homograph is a word: "i stad"
	RoleMunicipalityWord = "municipality_word" // after a name, says municipality: "kommune"
	RoleLossVerb         = "loss_verb"         // with a kin word, grief: "mistet"
	RoleKinVerb          = "kin_verb"          // after a kin word, that person's condition follows: "har", "fikk"
	RoleBehalf           = "behalf"            // before a kin word, says help is sought for that person: "spør for", "på vegne av"
	RoleDeathWord        = "death_word"        // grief only when a person died: "døde" ("batteriet døde" is none)
	RoleArticle          = "article"           // before a word, makes it an ordinary noun, never a small place: "en kjeller"
	RoleKin              = "kin"               // a person close to the writer: "mor", "kona", "sønnen"
	RoleBereaved         = "bereaved"          // another person's suicide: "tok livet sitt"
	RoleCrisisStem       = "crisis_stem"       // a word beginning that means suicide or self-harm
	RoleCrisisPhrase     = "crisis_phrase"     // a phrase that does: "vil ikke leve"
	RoleCrisisUndo       = "crisis_undo"       // right after a crisis phrase, undoes it: "tilbake"
	RoleCrisisSubject    = "crisis_subject"    // a work, study or fiction noun: crisis words after it are its subject: "særoppgave"
	RoleCrisisPast       = "crisis_past"       // in the clause of crisis words, says they are long past: "år siden", "som tenåring"
	RoleInflection       = "inflection"        // an ending a topic word may carry: "en", "ene"
	RolePlaceCase        = "place_case"        // an ending another language puts on a place's name: Finnish "ssa" ("Vadsøssa")
	RolePrefix           = "prefix"            // a proclitic written onto a word: Arabic "و" (and), "ف" (so)
	RoleCompoundHead     = "compound_head"     // a compound's head after a topic word: "gruppe"
	RoleLinker           = "linker"            // letters between a compound's parts: "s", "e"
	RolePlaceCue         = "place_cue"         // before a place, says whose place it is (Category)
	RoleNameCue          = "name_cue"          // before a name, says it is a person's: "heter"
	RoleNumberCue        = "number_cue"        // before or after digits, says they are no postcode (Category)
	RoleAbroad           = "abroad"            // a place outside Norway: never a Norwegian place
	RoleSelf             = "self"              // the writer: "jeg", "eg"; a problem after it is the writer's own
	RoleOther            = "other"             // another person: "han", "hun"; a home told after it is theirs
	RoleCrisisCue        = "crisis_cue"        // a crisis signal only with another (Category): "tau" + "kjøpt"
	RoleCrisisRule       = "crisis_rule"       // cue categories that raise crisis help together (Text): "die wish"
	RoleNumberWord       = "number_word"       // a number said in words (Category: its value): "fem" 5, "femti" 50
	RoleExonym           = "exonym"            // a municipality's name in another language or script (Place): "Осло"
	RoleTopicWord        = "topic_word"        // an everyday word or description of a topic (Category: topic id)
	// RoleCrisisCard is not read in queries: it is the crisis card's line in
	// the language the crisis was read in (Text: one plain sentence;
	// Category: the id of the crisis line whose facts it states, "113").
	// One per language, never Norwegian or Sami (the card's own texts speak
	// those); the widget marks a text that is not Reviewed as such.
	RoleCrisisCard = "crisis_card"
)

// Roles lists every lexeme role.
func Roles() []string {
	return []string{RoleStop, RoleCommon, RoleNoun, RolePlainWord, RoleHomograph, RolePlacePreposition, RoleYearCue,
		RoleIdiom, RoleMunicipalityWord, RoleLossVerb, RoleKinVerb, RoleBehalf, RoleDeathWord, RoleArticle, RoleKin, RoleBereaved, RoleCrisisStem, RoleCrisisPhrase,
		RoleCrisisUndo, RoleCrisisSubject, RoleCrisisPast, RoleInflection, RolePlaceCase, RolePrefix, RoleCompoundHead, RoleLinker, RolePlaceCue, RoleNameCue, RoleNumberCue,
		RoleAbroad, RoleSelf, RoleOther, RoleCrisisCue, RoleCrisisRule, RoleNumberWord, RoleExonym, RoleTopicWord, RoleCrisisCard}
}

// Name cue categories: a name cue without one is followed by a name in any
// case ("heter"); NamePerson is a noun for a person, followed by a name only
// when it is capitalised ("kollegaen min Rana").
const NamePerson = "person"

// PrepositionNear is the category of a place preposition that says near
// ("ved", "nær", "near"): between two places it says which namesake of the
// first is meant, the one nearest the second ("Os ved Bergen").
const PrepositionNear = "near"

// PrepositionDirection is the category of a place preposition that says
// where one goes or comes from ("til", "fra", "te"): the writer right before
// it is not there ("… eller må æ te Vadsø").
const PrepositionDirection = "direction"

// Crisis cue categories (RoleCrisisCue): signals that raise crisis help only
// together, as the crisis rules (RoleCrisisRule) say, within a few words:
// acts ("har kjøpt tau", "pillene i kveld", "i kveld er siste kveld") and
// the grammar of a wish to die in any language: a wish with dying ("vil
// dø", "want to die"), a wish denied with living ("vil ikke leve",
// "не хочу жить") or with waking ("skulle ønske jeg ikke våknet"), harm
// with oneself ("kutta mæ", "się tnę"), better without oneself.
const (
	CueMethod      = "method"      // pills, a rope, a bridge, a weapon
	CuePreparation = "preparation" // bought, gathered, counted, standing on
	CueTime        = "time"        // tonight, this weekend
	CueFarewell    = "farewell"    // the last evening, thank you for everything
	CueDie         = "die"         // to die, to be dead: "dø", "vere dau", "die", "umrzeć"
	CueLive        = "live"        // to live, to exist: "leve", "live", "żyć", "жить"
	CueWish        = "wish"        // to want, hope, bear to: "vil", "håper", "orker", "want", "хочу"
	CueNot         = "not"         // a negation: "ikke", "aldri", "not", "nie", "не"
	CueWake        = "wake"        // to wake up: "våkne", "wake"
	CueThink       = "think"       // to think of: "tenker på", "tankene om", "thinking about"
	CueHow         = "how"         // asking the way: "hvor mange", "hvordan", "how many"
	CueHarm        = "harm"        // to cut or hurt on purpose: "kutter", "risper", "tnę"
	CueSelf        = "self"        // oneself as object: "meg", "mæ", "myself", "się"
	CueBetter      = "better"      // better (off): "bedre", "better", "bättre"
	CueWithout     = "without"     // without: "uten", "without", "bez"
	CueIngest      = "ingest"      // took, swallowed: "tatt", "svelget", "took", "połknęłam"
	CueExcess      = "excess"      // all of it, too many: "alle", "en hel eske", "too many"
	CueWeary       = "weary"       // tired of, no point in: "lei av", "ingen vits", "tired of"
	CueHere        = "here"        // to be here, alive: "være her", "i live", "be here"
	CueKin         = "kin"         // someone close: the kin words (RoleKin), never crisis_cue entries
	CueAct         = "act"         // a deadly act told of someone: "hengte seg", "skjøt seg"
	CueViolence    = "violence"    // hitting, strangling, threatening: "slår", "hitting", "bije"
	// CuePlan is a decision or a plan to act, without its means: "skal
	// gjøre det", "bestemt meg", "avslutte alt"; with a time it is a plan
	// with a date, with a means or a farewell an act prepared.
	CuePlan = "plan"
	// CueHurt is an injury that may be an accident: "svidd", "brente",
	// "krasje"; with CueIntent ("med vilje", "on purpose") it is done to
	// oneself.
	CueHurt   = "hurt"
	CueIntent = "intent"
	// CueUse is an everyday use of a means: hunting, a boat, climbing, a
	// flagpole ("elgjakt", "båten", "buldring"). No crisis rule holds by
	// it: within a rule's window it undoes a rule of acts only (means,
	// preparation, time, how, excess), never a wish, a thought or harm:
	// "skal på elgjakt med geværet i helga", "kjøpte tau til båten".
	CueUse = "use"
)

// CrisisCueCategories lists the crisis cue categories.
func CrisisCueCategories() []string {
	return []string{CueMethod, CuePreparation, CueTime, CueFarewell, CueDie, CueLive, CueWish, CueNot, CueWake,
		CueThink, CueHow, CueHarm, CueSelf, CueBetter, CueWithout, CueIngest, CueExcess, CueWeary, CueHere,
		CueKin, CueAct, CueViolence, CuePlan, CueHurt, CueIntent, CueUse}
}

// MaxCueWords is the longest cue the engine reads, in words: a place,
// number, name or crisis cue, or a place abroad («hat sich das leben
// genommen»). Validation refuses a longer one, which would never match.
const MaxCueWords = 5

// CueRole reports whether entries of role are read as cues of at most
// MaxCueWords words.
func CueRole(role string) bool {
	switch role {
	case RolePlaceCue, RoleNumberCue, RoleNameCue, RoleCrisisCue, RoleAbroad:
		return true
	}
	return false
}

// Place cue categories: whose place a place named after the cue is. Where
// the writer lives outranks the rest ("fra Tromsø men bor i Harstad").
const (
	PlaceLives     = "lives"     // "bor i", "live in"
	PlaceElsewhere = "elsewhere" // origin, work, the past, a trip: "vokste opp i", "jobber i"
	// PlaceOrigin is where someone comes from ("fra Tromsø"): elsewhere,
	// except on a commute, where it is home ("pendler fra Moss til Oslo").
	PlaceOrigin = "origin"
	// PlaceCommute says the sentence tells a commute ("pendler"); it marks
	// no place itself.
	PlaceCommute = "commute"
	// PlaceCorrection takes back the places named before it when a place
	// follows ("Drammen, nei sorry, mente Kongsberg", "Tromsø eller
	// egentlig Balsfjord"): the writer corrected themself.
	PlaceCorrection = "correction"
	// PlaceStudy is where someone studies or is an apprentice ("studerer i
	// Bergen", "lærling i Hammerfest"): where they live now, below a home
	// told as such ("studerer i Oslo, bor i Lillestrøm").
	PlaceStudy = "study"
	// PlaceHome is home told without living ("hjemme i Alta", "hjembyen er
	// Fredrikstad"): where one lives, except beside a study cue, where it
	// is the home town ("lærling i Hammerfest, hjemme i Alta").
	PlaceHome = "home"
	// PlaceTheirs asks for help where someone else lives, told with no
	// place after it ("finnes det noe der hun bor", "near where my mum
	// lives"): someone else's home named in the message outranks the
	// writer's ("hun bor i Audnedal og vi bor i Oslo").
	PlaceTheirs = "theirs"
	PlaceHere   = "here" // where the writer is, whoever the subject: "mamma bur her i Florø"
)

// PlaceRoles lists the place cue categories.
func PlaceRoles() []string {
	return []string{PlaceLives, PlaceElsewhere, PlaceOrigin, PlaceCommute, PlaceCorrection, PlaceStudy, PlaceHome, PlaceTheirs, PlaceHere}
}

// NumberWordValues are the values a number word may have: 0 to 19 and the
// tens to 90 ("femti fem" is 55: a ten and a digit are read together).
func NumberWordValues() []string {
	v := make([]string, 0, 28)
	for n := 0; n < 20; n++ {
		v = append(v, itoa(n))
	}
	for n := 20; n < 100; n += 10 {
		v = append(v, itoa(n))
	}
	return append(v, NumberHundred, NumberThousand)
}

// NumberHundred and NumberThousand are the values of "hundre" and "tusen":
// a postcode said as a number ("fem tusen og tre" 5003).
const (
	NumberHundred  = "100"
	NumberThousand = "1000"
)

// itoa writes 0-99 (no strconv in a package the browser module links).
func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return string([]rune{rune('0' + n/10), rune('0' + n%10)})
}

// Number cue categories: what digits next to the cue are.
const (
	NumberPhone     = "phone"     // "tlf", "ring meg på", "+47"
	NumberAge       = "age"       // "jeg er" before, "år" after
	NumberQuantity  = "quantity"  // a unit after: "dager", "barn", "kg"
	NumberAddress   = "address"   // a street word before a house number: "gate", "vei"
	NumberReference = "reference" // a case or reference number: "saksnr", "ref"
)

// NumberRoles lists the number cue categories.
func NumberRoles() []string {
	return []string{NumberPhone, NumberAge, NumberQuantity, NumberAddress, NumberReference}
}

// Crisis cue categories, after the signals clinicians screen for (the
// Columbia Suicide Severity Rating Scale's): every one raises crisis help.
const (
	CrisisSuicide     = "suicide"      // suicide named or thought of
	CrisisWishDead    = "wish_dead"    // wish to be dead, not to wake up
	CrisisMethod      = "method"       // a way to die: pills, rope, a bridge
	CrisisPreparation = "preparation"  // gathering means, farewell letters
	CrisisSelfHarm    = "self_harm"    // cutting, burning, hurting oneself
	CrisisHopeless    = "hopelessness" // no way out, a burden, no strength left
	CrisisAcute       = "acute"        // acute crisis, danger now
	CrisisBereaved    = "bereaved"     // someone close took their own life
)

// CrisisCategories lists the crisis cue categories.
func CrisisCategories() []string {
	return []string{CrisisSuicide, CrisisWishDead, CrisisMethod, CrisisPreparation, CrisisSelfHarm,
		CrisisHopeless, CrisisAcute, CrisisBereaved}
}
