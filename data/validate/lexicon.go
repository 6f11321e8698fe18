package validate

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/search"
)

// MinCrisisStemLetters is the fewest letters a crisis stem may have when
// folded: a shorter beginning ("selv", "drep") starts too many ordinary words,
// and every word it starts would raise crisis help.
const MinCrisisStemLetters = 5

var (
	languageTagRe = regexp.MustCompile(`^[a-z]{2,3}$`)
	// What is private or a link has no place in the language of reading:
	// an e-mail address, a web address, a phone number (eight digits or
	// more, in groups, with or without +47).
	lexEmailRe = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`)
	lexURLRe   = regexp.MustCompile(`(?i)\b(https?://|www\.)\S+|\b[a-z0-9\-]+\.(no|com|org|net)\b(/\S*)?`)
	lexPhoneRe = regexp.MustCompile(`\+?[0-9][0-9 .\-]{6,}[0-9]`)
)

// LexemeRecord names a lexicon entry in a report: its role and its text,
// "crisis_phrase «vil ikke leve»"; its position when the text is empty.
func LexemeRecord(x dataset.Lexeme, i int) string {
	role := x.Role
	if role == "" {
		role = "(uten rolle)"
	}
	if strings.TrimSpace(x.Text) == "" {
		return fmt.Sprintf("%s #%d", role, i+1)
	}
	return role + " «" + x.Text + "»"
}

// lexiconLanguage is the set of LexiconLanguages' tags.
var lexiconLanguage = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range dataset.LexiconLanguages() {
		m[l.Tag] = true
	}
	return m
}()

func lexiconLanguageTags() string {
	var tags []string
	for _, l := range dataset.LexiconLanguages() {
		tags = append(tags, l.Tag)
	}
	return strings.Join(tags, ", ")
}

// municipalityNames maps each folded official name of a 2024 municipality
// (its name, every form in names, its official name) to the municipalities
// that carry it: Herøy and Våler are two each.
func (c *checker) municipalityNames(ms []dataset.Municipality) map[string][]string {
	out := map[string][]string{}
	for _, m := range ms {
		forms := []string{m.Name, m.OfficialName}
		for _, n := range m.Names {
			forms = append(forms, n.Name)
		}
		for _, f := range forms {
			k := search.Normalize(f)
			if k != "" && !slices.Contains(out[k], m.Number) {
				out[k] = append(out[k], m.Number)
			}
		}
	}
	return out
}

// lexiconFile checks the language of reading (data/lexicon.json): every
// entry's role, language, category and text; the same folded text twice in a
// role; crisis stems too short to be safe; entries that fold to a
// municipality's name must say which (place), and a common word must not be
// one; nothing private. Unreviewed crisis cues are one warning.
func (c *checker) lexiconFile(ls []dataset.Lexeme, ms []dataset.Municipality) {
	f := dataset.LexiconFile
	munis := c.municipalityNames(ms)
	seen := map[string]string{} // role + folded text → the text first seen
	words := ordinaryWords(ls)  // folded stop and common words → their languages
	unreviewed := 0
	cards := map[string]bool{} // languages of the crisis card's lines
	for i, x := range ls {
		rec := LexemeRecord(x, i)
		knownRole := dataset.RoleLabel(x.Role) != ""
		if !knownRole {
			c.add(f, rec, "role", "ukjent rolle %q (%s)", x.Role, strings.Join(dataset.Roles(), ", "))
		}
		switch {
		case x.Language == "":
			c.add(f, rec, "language", "mangler (påkrevd felt)")
		case !languageTagRe.MatchString(x.Language):
			c.add(f, rec, "language", "%q er ikke en språkkode (to eller tre små bokstaver, BCP 47: nb, nn, en, smj)", x.Language)
		case !lexiconLanguage[x.Language]:
			c.add(f, rec, "language", "ukjent språkkode %q (gyldige: %s)", x.Language, lexiconLanguageTags())
		}
		if knownRole {
			c.lexemeCategory(f, rec, x)
		}
		c.text(f, rec, "text", x.Text, true)
		c.text(f, rec, "note", x.Note, false)
		c.lexemePrivate(f, rec, "text", x.Text)
		c.lexemePrivate(f, rec, "note", x.Note)
		folded := search.Normalize(x.Text)
		if strings.TrimSpace(x.Text) != "" && folded == "" {
			c.add(f, rec, "text", "har ingen bokstaver eller sifre: blir tom når den foldes")
		}
		if folded != "" {
			key := LexemeKey(x.Role, x.Language, folded)
			if first, dup := seen[key]; dup {
				c.add(f, rec, "text", "duplikat: «%s» er samme ord som «%s» i rollen %s (foldet: «%s»)", x.Text, first, x.Role, folded)
			} else {
				seen[key] = x.Text
			}
		}
		if x.Role == dataset.RoleCrisisStem && folded != "" {
			if n := letters(folded); n < MinCrisisStemLetters {
				c.add(f, rec, "text", "en krisestamme på %d bokstaver (foldet «%s») er for bred: den begynner for mange vanlige ord; skriv minst %d bokstaver", n, folded, MinCrisisStemLetters)
			}
		}
		if x.Role == dataset.RoleCrisisRule {
			c.crisisRule(f, rec, folded)
		}
		if n := len(strings.Fields(folded)); dataset.CueRole(x.Role) && n > dataset.MaxCueWords {
			c.add(f, rec, "text", "«%s» har %d ord (foldet); et signal leses bare opp til %d ord og ville aldri slå til: kort det ned eller del det opp", x.Text, n, dataset.MaxCueWords)
		}
		if x.Role == dataset.RoleCrisisCue && x.Category == dataset.CueKin {
			c.add(f, rec, "category", "signalkategorien kin fylles av ordene med rollen kin; før «%s» med rollen kin", x.Text)
		}
		if !c.broken[dataset.MunicipalitiesFile] && x.Role != dataset.RoleCrisisRule {
			c.lexemePlace(f, rec, x, folded, munis)
		}
		if dataset.CrisisRole(x.Role) && !x.Reviewed {
			unreviewed++
		}
		if x.Role == dataset.RoleCrisisCard {
			c.crisisCard(f, rec, x, cards)
		}
		if x.Role == dataset.RoleTopicWord {
			if lang := otherLanguage(words[folded], x.Language); lang != "" {
				c.add(f, rec, "text", "foldet blir «%s» et vanlig ord på %q: en setning på det språket ville lest temaet; skriv ordet slik at det ikke kolliderer, eller fjern det", folded, lang)
			}
		}
		if x.Role == dataset.RolePlaceCase && slices.Contains(dataset.LocalLanguages(), x.Language) {
			c.add(f, rec, "language", "%q: en kasusendelse er en annen språks; på norsk ville den gjort vanlige ord til steder («bergene»)", x.Language)
		}
	}
	c.lexiconRolesPresent(ls)
	if unreviewed > 0 {
		c.warn(f, "", "", "%d krisesignaler (krisestammer, krisefraser, etterlattfraser, kriseopphevinger) er ikke gjennomgått av en kliniker; se «finder lexicon --unreviewed»", unreviewed)
	}
}

// ordinaryWords maps each folded stop or common word to its languages.
func ordinaryWords(ls []dataset.Lexeme) map[string][]string {
	out := map[string][]string{}
	for _, x := range ls {
		if x.Role == dataset.RoleStop || x.Role == dataset.RoleCommon {
			k := search.Normalize(x.Text)
			out[k] = append(out[k], x.Language)
		}
	}
	return out
}

// otherLanguage is the first of langs that is not lang (Norwegian's forms
// and the local languages count as one), or "".
func otherLanguage(langs []string, lang string) string {
	local := func(l string) bool { return slices.Contains(dataset.LocalLanguages(), l) }
	for _, l := range langs {
		if l != lang && !(local(l) && local(lang)) {
			return l
		}
	}
	return ""
}

// crisisCard checks a line of the crisis card in another language: one per
// language, and never Norwegian or Sami (the card's own texts are in the
// element's language: bokmål, nynorsk, English or Northern Sami).
func (c *checker) crisisCard(f, rec string, x dataset.Lexeme, seen map[string]bool) {
	if slices.Contains(dataset.LocalLanguages(), x.Language) {
		c.add(f, rec, "language", "%q: krisekortet har egne tekster på norsk og samisk; en linje her er for et annet språk", x.Language)
	}
	if seen[x.Language] {
		c.add(f, rec, "language", "duplikat: krisekortet har alt en linje på %q (én per språk)", x.Language)
	}
	seen[x.Language] = true
}

// optionalCategories are the roles whose entries may carry a category or
// none, and their categories.
var optionalCategories = map[string][]string{
	dataset.RoleNameCue:          {dataset.NamePerson},
	dataset.RoleOther:            {dataset.OtherReflexive},
	dataset.RolePlacePreposition: {dataset.PrepositionNear, dataset.PrepositionDirection},
}

// lexemeCategory checks that an entry carries a category exactly when its
// role has them, and one of its role's.
func (c *checker) lexemeCategory(f, rec string, x dataset.Lexeme) {
	cats := dataset.CategoriesOf(x.Role)
	switch x.Role {
	case dataset.RoleTopicWord:
		// The category of a topic word is its topic's id.
		if !c.topics[x.Category] {
			c.add(f, rec, "category", "ukjent tema %q: et temaord har temaets id som kategori", x.Category)
		}
		return
	case dataset.RoleCrisisCard:
		// The crisis line whose facts the text states: its number is in
		// the text, and its sources are the text's.
		number, ok := c.crisisLines[x.Category]
		switch {
		case x.Category == "":
			c.add(f, rec, "category", "mangler: krisekortets linje sier hvilken krisetelefon den omtaler (id i %s, «113»)", dataset.CrisisLinesFile)
		case !ok && !c.broken[dataset.CrisisLinesFile]:
			c.add(f, rec, "category", "ukjent krisetelefon %q (id i %s)", x.Category, dataset.CrisisLinesFile)
		case ok && number != "" && x.Text != "" && !strings.Contains(x.Text, number):
			c.add(f, rec, "text", "nummeret %s til krisetelefonen %s står ikke i teksten", number, x.Category)
		}
		return
	}
	// A role whose entries may carry a category or none: a noun for a
	// person before a name ("kollegaen"), a reflexive ("seg"), a
	// preposition that says near ("ved") or whither and whence ("til").
	if opt, ok := optionalCategories[x.Role]; ok {
		if x.Category != "" && !slices.Contains(opt, x.Category) {
			c.add(f, rec, "category", "ukjent kategori %q for rollen %s (tom eller %s)", x.Category, x.Role, strings.Join(opt, ", "))
		}
		return
	}
	switch {
	case len(cats) == 0 && x.Category != "":
		c.add(f, rec, "category", "rollen %s har ingen kategori; la feltet stå tomt (%q)", x.Role, x.Category)
	case len(cats) > 0 && x.Category == "":
		c.add(f, rec, "category", "mangler: rollen %s krever en kategori (%s)", x.Role, strings.Join(cats, ", "))
	case len(cats) > 0 && !slices.Contains(cats, x.Category):
		c.add(f, rec, "category", "ukjent kategori %q for rollen %s (%s)", x.Category, x.Role, strings.Join(cats, ", "))
	}
}

// lexemePlace checks the entry against the municipalities' names: an entry
// whose folded text is a municipality's name says so in place (the data is
// open about it), place names a municipality the text is a name of, and a
// common word is never a place.
func (c *checker) lexemePlace(f, rec string, x dataset.Lexeme, folded string, munis map[string][]string) {
	numbers := munis[folded]
	named := func(ns []string) string {
		var out []string
		for _, n := range ns {
			out = append(out, n+" "+c.munis[n].Name)
		}
		return strings.Join(out, " eller ")
	}
	// A name in another language or script names the municipality in
	// place, whatever Norwegian name it resembles.
	if x.Role == dataset.RoleExonym {
		switch {
		case x.Place == "":
			c.add(f, rec, "place", "mangler: et kommunenavn på et annet språk sier hvilken kommune (kommunenummer)")
		case c.munis[x.Place].Number == "":
			c.add(f, rec, "place", "kommunenummer %s finnes ikke blant 2024-kommunene", x.Place)
		}
		return
	}
	// A word of another language that is also a Norwegian place's name
	// ("time" in English) is a word only in that language's sentences: it
	// says which place it shares its name with.
	if x.Role == dataset.RoleCommon && !slices.Contains(dataset.LocalLanguages(), x.Language) && x.Place != "" {
		if c.munis[x.Place].Number == "" {
			c.add(f, rec, "place", "kommunenummer %s finnes ikke blant 2024-kommunene", x.Place)
		}
		return
	}
	if x.Role == dataset.RoleCommon || x.Role == dataset.RoleNoun {
		switch {
		case len(numbers) > 0:
			c.add(f, rec, "role", "et vanlig ord blir aldri et sted, men «%s» er navnet på kommune %s; gjør det til en homograf med place, eller fjern det", x.Text, named(numbers))
		case x.Place != "":
			c.add(f, rec, "place", "et vanlig ord blir aldri et sted; la place stå tom (%q)", x.Place)
		}
		return
	}
	if x.Place == "" {
		if len(numbers) > 0 {
			c.add(f, rec, "place", "«%s» er også navnet på kommune %s: skriv kommunenummeret i place", x.Text, named(numbers))
		}
		return
	}
	switch {
	case !fourDigits.MatchString(x.Place):
		c.add(f, rec, "place", "kommunenummer %q skal være fire sifre", x.Place)
	case c.munis[x.Place].Number == "":
		c.add(f, rec, "place", "kommunenummer %s finnes ikke blant 2024-kommunene", x.Place)
	case !slices.Contains(numbers, x.Place):
		// Not a municipality's name: a postal place or a district of the
		// municipality in place ("tau" is Tau in Strand).
		if len(numbers) == 0 && c.postalPlaces()[folded+" "+x.Place] {
			return
		}
		if len(numbers) > 0 {
			c.add(f, rec, "place", "«%s» er ikke et navn på kommune %s %s, men på %s", x.Text, x.Place, c.munis[x.Place].Name, named(numbers))
		} else {
			c.add(f, rec, "place", "«%s» er ikke et navn på kommune %s %s (foldet: «%s»)", x.Text, x.Place, c.munis[x.Place].Name, folded)
		}
	}
}

// lexemePrivate refuses an e-mail address, a web address or a phone number
// in an entry: the lexicon is public and is about a language, not people.
func (c *checker) lexemePrivate(f, rec, field, s string) {
	switch {
	case lexEmailRe.MatchString(s):
		c.add(f, rec, field, "inneholder en e-postadresse (%q); ordlisten er offentlig og skal ikke ha personopplysninger", lexEmailRe.FindString(s))
	case lexURLRe.MatchString(s):
		c.add(f, rec, field, "inneholder en nettadresse (%q); skriv kilden med ord", lexURLRe.FindString(s))
	case digits(lexPhoneRe.FindString(s)) >= 8:
		c.add(f, rec, field, "inneholder et telefonnummer (%q); ordlisten er offentlig og skal ikke ha personopplysninger", lexPhoneRe.FindString(s))
	}
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case search.Syllabic(r):
			n += syllableLetters
		case unicode.IsLetter(r):
			n++
		}
	}
	return n
}

// syllableLetters is how many letters one character of a script that
// writes a syllable or a word with each counts as: "想死" (want to die) says
// as much as "vil dø".
const syllableLetters = 3

func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// postalPlaces returns, once per check, the folded postal places with the
// municipality each lies in, as "name number" keys: a lexicon entry may say
// which municipality a postal place of its name lies in ("tau" is Tau in
// Strand).
func (c *checker) postalPlaces() map[string]bool {
	if c.postal == nil {
		c.postal = map[string]bool{}
		for _, p := range c.posts {
			c.postal[search.Normalize(p.Place)+" "+p.Municipality] = true
		}
	}
	return c.postal
}

// requiredRoles are the roles without which the engine misreads every query:
// crisis help rests on the crisis stems and phrases, and a sentence's
// ordinary words become places without the stop and common words. An
// emptied or gutted lexicon.json must never be published.
var requiredRoles = []string{dataset.RoleCrisisStem, dataset.RoleCrisisPhrase, dataset.RoleCrisisRule,
	dataset.RoleStop, dataset.RoleCommon}

// crisisRule checks a crisis rule's text: two or more crisis cue
// categories, separated by spaces, and optionally how many words apart they
// may stand ("die wish", "harm self 2").
func (c *checker) crisisRule(f, rec, folded string) {
	parts := strings.Fields(folded)
	if n := len(parts); n > 0 && strings.Trim(parts[n-1], "0123456789") == "" {
		if w, err := strconv.Atoi(parts[n-1]); err != nil || w < 1 || w > search.CrisisWindow {
			c.add(f, rec, "text", "avstanden %q i kriseregelen må være et tall fra 1 til %d ord", parts[n-1], search.CrisisWindow)
		}
		parts = parts[:n-1]
	}
	if len(parts) < 2 {
		c.add(f, rec, "text", "en kriseregel nevner minst to signalkategorier, skilt med mellomrom («die wish»)")
	}
	for _, p := range parts {
		if !slices.Contains(dataset.CrisisCueCategories(), p) {
			c.add(f, rec, "text", "ukjent signalkategori %q i kriseregelen (%s)", p, strings.Join(dataset.CrisisCueCategories(), ", "))
		}
	}
}

// lexiconRolesPresent refuses a lexicon that lacks a required role.
func (c *checker) lexiconRolesPresent(ls []dataset.Lexeme) {
	if len(ls) == 0 {
		c.add(dataset.LexiconFile, "", "", "ordlisten er tom: uten den leser søket feil (krisehjelp, steder); er filen tømt?")
		return
	}
	for _, role := range requiredRoles {
		if !slices.ContainsFunc(ls, func(x dataset.Lexeme) bool { return x.Role == role }) {
			c.add(dataset.LexiconFile, "", "role", "ingen oppføringer med rollen %s: uten dem leser søket feil (krisehjelp, steder); er filen tømt?", role)
		}
	}
}

// LexemeKey is what keeps a lexicon entry unique: its role and its folded
// text, and for a common word its language too ("alta" is a word of
// Spanish, Portuguese and Italian, and no place in a sentence of any).
func LexemeKey(role, language, folded string) string {
	k := role + "\x00" + folded
	if role == dataset.RoleCommon {
		k += "\x00" + language
	}
	return k
}
