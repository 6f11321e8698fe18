package main

// The one-time import of selvhjelp_kontaktpunkter_tillegg2.json (SOURCES.md
// section 12) into the curated contact_points.json:
//
//	go run ./scripts/build-data -merge ../shared/data-sources/selvhjelp_kontaktpunkter_tillegg2.json -out data
//
// It adds the file's records and merges its updates into the records they
// name, keeping every edit people made since (citizen notes, verifications),
// then validates and writes. It refuses to run twice (a record id that is
// already there). Its rules live here and nowhere else: `make data` never
// runs them.

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
)

// rawPractical is the supplement's "praktisk": only what a page states.
type rawPractical struct {
	Motetid       string   `json:"motetid"`
	Digitalt      *bool    `json:"digitalt"`
	Aldersgrense  string   `json:"aldersgrense"`
	Kostnad       string   `json:"kostnad"`
	HvordanBliMed string   `json:"hvordan_bli_med"`
	Sprak         []string `json:"sprak"`
}

// kinds2 maps the second supplement's types (meta.nye_typeverdier) to kinds.
var kinds2 = map[string]string{
	"sorggruppe_ledet":            dataset.KindLedGroup,
	"likepersongruppe_lokal":      dataset.KindPeerGroup,
	"nasjonal_moteoversikt":       dataset.KindMeetingDirectory,
	"brukerorganisasjon_nasjonal": dataset.KindOrganisation,
	"apen_moteplass":              dataset.KindDropIn,
	"parorendesenter":             dataset.KindRelativesCentre,
	"frivilligsentral":            dataset.KindLocal,
	"kommunalt_kontaktpunkt":      dataset.KindLocal,
	"brukerorganisasjon_lokallag": dataset.KindOrganisation,
}

// kindOverrides2 are records whose sources say more than their type: Bodø
// Frivilligsentral's grief groups have trained leaders ("ikke selvorganiserte").
var kindOverrides2 = map[string]string{"bodo-frivilligsentral-sorggrupper": dataset.KindLedGroup}

// nationalTypes serve the whole country (their coverage says "hele landet").
var nationalTypes = map[string]bool{"nasjonal_moteoversikt": true, "brukerorganisasjon_nasjonal": true}

// topics2 gives each new record its topic ids. The file has no "temaer":
// each list is what the record's name and sources state (a grief group is
// sorg; Al-Anon is for relatives; Spillavhengighet Norge is gambling, which
// the vocabulary files under rus, and its groups are for relatives too).
// A record missing here stops the import until someone reads it.
var topics2 = map[string][]string{
	"anonyme-alkoholikere-norge":                       {"rus"},
	"al-anon-norge":                                    {"parorende"},
	"anonyme-narkomane-norge":                          {"rus"},
	"nar-anon-norge":                                   {"parorende"},
	"anonyme-overspisere-norge":                        {"spiseforstyrrelser"},
	"aca-norge":                                        {"parorende"},
	"sorggrupper-no":                                   {"sorg"},
	"lpp-landsforeningen-parorende-psykisk-helse":      {"parorende"},
	"spillavhengighet-norge-nettverksgrupper":          {"parorende", "rus"},
	"leve-landsforeningen-etterlatte-selvmord":         {"sorg"},
	"carcinor-selvhjelpsgrupper":                       {"kreft"},
	"sarkomer-likepersoner-facebookgruppe":             {"kreft"},
	"moss-frivilligsentral-selvhjelpsgrupper":          {"angst", "paa-tvers"},
	"sorg-og-omsorg-mosseregionen":                     {"sorg"},
	"sorg-og-omsorg-sarpsborg":                         {"sorg"},
	"sorg-og-omsorg-fredrikstad":                       {"samlivsbrudd", "sorg"},
	"sorg-og-omsorg-indre-ostfold":                     {"sorg"},
	"baerum-menighetene-sorggrupper":                   {"sorg"},
	"asker-menighetene-sorggrupper":                    {"sorg"},
	"frelsesarmeen-parorendehuset":                     {"parorende"},
	"vestre-aker-prosti-sorggrupper":                   {"sorg"},
	"elverum-loten-kirken-sorggrupper":                 {"sorg"},
	"gjovik-sorggrupper-kirken-kommunen":               {"sorg"},
	"gol-al-kyrkje-sorggruppe":                         {"sorg"},
	"horten-kirken-sorggrupper":                        {"sorg"},
	"holmestrand-kirken-sorggrupper":                   {"sorg"},
	"sandefjord-kirken-kommunen-sorggrupper":           {"sorg"},
	"mental-helse-tonsberg-lokallagstreff":             {"paa-tvers"},
	"midt-telemark-gvarv-sorggrupper":                  {"sorg"},
	"kristiansand-kommune-sorggrupper-selvmord":        {"sorg"},
	"kristiansand-domprosti-sorggrupper-samlivsbrudd":  {"samlivsbrudd", "sorg"},
	"arendal-grimstad-diakoner-sorggrupper":            {"sorg"},
	"leve-rogaland":                                    {"sorg"},
	"stavanger-menighetene-sorggrupper":                {"sorg"},
	"leve-sogn-og-fjordane":                            {"sorg"},
	"lisa-gruppen-bergen":                              {"parorende", "rus"},
	"etterlattkafeen-bergen":                           {"sorg"},
	"alver-kyrkja-kommunen-sorggruppe":                 {"sorg"},
	"voss-kyrkja-sorggruppe":                           {"sorg"},
	"molde-kirken-sorggruppe":                          {"sorg"},
	"leve-nord-trondelag":                              {"sorg"},
	"trondheim-klaebu-kirken-sorggrupper":              {"sorg"},
	"spillavhengighet-nettverksgruppe-trondheim-2018":  {"rus"},
	"hitra-kommune-sorggrupper-2018":                   {"sorg"},
	"mental-helse-skaun-kveldstreff":                   {"paa-tvers"},
	"bodo-frivilligsentral-sorggrupper":                {"sorg"},
	"fauske-foreldregruppe-adhd":                       {"parorende"},
	"oksnes-kirken-leve-videre-gruppe":                 {"sorg"},
	"mental-helse-hemnes":                              {"paa-tvers"},
	"tromso-kommune-selvorganiserte-selvhjelpsgrupper": {"paa-tvers"},
	"spillavhengighet-nettverksgruppe-tromso-2017":     {"rus"},
	"leve-finnmark":                                    {"sorg"},
	"alta-kirken-sorg-og-omsorg":                       {"sorg"},
}

// attendance2 overrides "digitalt": true where a source says groups meet
// both ways (Selvhjelp Norge: "fysisk eller digitalt", with LINK Oslo).
var attendance2 = map[string]string{"selvhjelp-norge": dataset.AttendanceBoth}

// pageDates2 reads the second supplement's page dates as pageDates does:
// the earliest date the page can have been written; a start announced for
// a month may have been written the year before, and a weekday without a
// year is no date.
var pageDates2 = map[string]string{
	"konferansen ble holdt 22.–24. april 2022 (oppgitt i teksten)": "2022-04",
	"2024-05-01 (dato i URL)":                                                               "2024-05-01",
	"medlemsbladet Sarkomen 3/2021":                                                         "2021",
	"ingen dato vist; teksten nevner «våren 2017»":                                          "2017",
	"styringsgruppe oppgitt for 2023":                                                       "2023",
	"ingen dato vist (første samling «onsdag 14. oktober»)":                                 "",
	"25. mars 2019 (dato vist på siden)":                                                    "2019-03-25",
	"ingen dato vist; URL og tekst viser september 2023 («høst 23 og vår 24»)":              "2023-09",
	"2024-11 (dato i URL)":                                                                  "2024-11",
	"ingen dato vist (oppstart «tirsdag 11. februar» og «tirsdag 10. mars»)":                "",
	"ingen dato vist (første samling «15. januar», neste «mandag 29. januar»)":              "",
	"ingen dato vist (høstgrupper fra «2. oktober»)":                                        "",
	"ingen dato vist (oppstart januar/februar 2021 omtalt)":                                 "2020",
	"ingen dato vist; teksten omtaler oppstart november 2024":                               "2024",
	"9. des 2020 (gjengir artikkel fra Sinn og Samfunn 4-2018)":                             "2020-12-09",
	"ingen dato vist; teksten omtaler oppstart høsten 2020 og mai 2021":                     "2020",
	"ingen dato vist; URL inneholder «2023»":                                                "2023",
	"ingen dato vist (koronaforbehold nevnt)":                                               "2020",
	"Publisert: 28.05.2016":                                                                 "2016-05-28",
	"årsmelding for 2014 (årsmøte 19. mars 2015)":                                           "2015",
	"ingen dato vist (omtaler første kafékveld september 2022)":                             "2022",
	"Publisert: 19.11.2020":                                                                 "2020-11-19",
	"ingen dato vist (samlinger «torsdag 17. november» o.l.)":                               "",
	"Publisert: 10. mars 2024":                                                              "2024-03-10",
	"Publisert 14. september 2020":                                                          "2020-09-14",
	"2018-07-18 (dato i URL)":                                                               "2018-07-18",
	"2018-07-24 (dato i URL)":                                                               "2018-07-24",
	"ingen dato vist (lokallaget startet i 2015)":                                           "2015",
	"ingen dato vist (engelsk turistside)":                                                  "",
	"2017-05-23 (dato i URL)":                                                               "2017-05-23",
	"ingen dato vist (omtaler tall for 2015)":                                               "2015",
	"ingen dato vist (ny gruppe «torsdag 12. april»)":                                       "",
	"2020-09-22 (dato i URL)":                                                               "2020-09-22",
	"ingen dato vist (publisert i forbindelse med statsbudsjettkuttet til Selvhjelp Norge)": "",
	"Publisert 1. mai 2005":                                                                 "2005-05-01",
}

// mergeSupplement imports supplementPath into the dataset in dir once.
func mergeSupplement(supplementPath, dir string) error {
	for k, v := range pageDates2 {
		pageDates[k] = v
	}
	d, err := store.LoadDir(dir)
	if err != nil {
		return err
	}
	recs, updates, err := readContacts(supplementPath)
	if err != nil {
		return err
	}
	if err := mergeContacts(d, recs, updates); err != nil {
		return fmt.Errorf("%s: %w", supplementPath, err)
	}
	if err := refuseInvalid(d, "merged"); err != nil {
		return err
	}
	if err := store.WriteFiles(d, dir, []string{dataset.ContactPointsFile}); err != nil {
		return err
	}
	if err := store.WriteManifest(d, dir); err != nil {
		return err
	}
	fmt.Printf("build-data: merged %d records and %d updates of %s into %s\n", len(recs), len(updates),
		filepath.Base(supplementPath), filepath.Join(dir, dataset.ContactPointsFile))
	return nil
}

// mergeContacts adds recs to d's contact points and applies updates to the
// records they name.
func mergeContacts(d *dataset.Dataset, recs, updates []rawContact) error {
	byID := map[string]int{}
	for i, c := range d.ContactPoints {
		byID[c.ID] = i
	}
	vocab := map[string]bool{}
	for _, t := range d.Topics {
		vocab[t.ID] = true
	}
	for _, r := range recs {
		if _, dup := byID[r.ID]; dup {
			return fmt.Errorf("contact point %s is already in the dataset: the supplement was imported before", r.ID)
		}
		c, err := contact2(r, d)
		if err != nil {
			return err
		}
		for _, t := range c.Topics {
			if !vocab[t] {
				return fmt.Errorf("contact point %s: topic %q is not in topics.json", c.ID, t)
			}
		}
		byID[c.ID] = len(d.ContactPoints)
		d.ContactPoints = append(d.ContactPoints, c)
	}
	for _, u := range updates {
		i, ok := byID[u.OppdateringAv]
		if !ok {
			return fmt.Errorf("update %s: oppdatering_av %q is no known record", u.ID, u.OppdateringAv)
		}
		c := &d.ContactPoints[i]
		if err := applyUpdate(c, u); err != nil {
			return err
		}
		if err := setPractical(c, u.Praktisk); err != nil {
			return err
		}
	}
	sort.Slice(d.ContactPoints, func(i, j int) bool { return d.ContactPoints[i].ID < d.ContactPoints[j].ID })
	return nil
}

// contact2 converts one record of the second supplement.
func contact2(r rawContact, d *dataset.Dataset) (dataset.ContactPoint, error) {
	kind, ok := kinds2[r.Type]
	if !ok {
		return dataset.ContactPoint{}, fmt.Errorf("contact point %s: unknown type %q", r.ID, r.Type)
	}
	if k, over := kindOverrides2[r.ID]; over {
		kind = k
	}
	topics, ok := topics2[r.ID]
	if !ok {
		return dataset.ContactPoint{}, fmt.Errorf("contact point %s: no entry in build-data's topics2; read its sources and add one", r.ID)
	}
	national := nationalTypes[r.Type]
	conv := r
	if national {
		conv.Dekningsomraade = "" // "hele landet" names no county: it serves all
	}
	c, err := contactPoint(conv, kind, nil, d)
	if err != nil {
		return c, err
	}
	if national {
		c.Coverage, c.ServesAll, c.Serves = r.Dekningsomraade, true, nil
	}
	c.Topics = append([]string(nil), topics...)
	sort.Strings(c.Topics)
	return c, setPractical(&c, r.Praktisk)
}

// setPractical copies the practical facts a source states onto c; a fact
// already there (an earlier source, a maintainer) is kept.
func setPractical(c *dataset.ContactPoint, p *rawPractical) error {
	if p == nil {
		return nil
	}
	keep := func(dst *string, v string) {
		if *dst == "" {
			*dst = strings.TrimSpace(v)
		}
	}
	keep(&c.Schedule, p.Motetid)
	if len(c.Meetings) == 0 {
		c.Meetings = meetingTimes(p.Motetid)
	}
	if p.Digitalt != nil && *p.Digitalt && c.Attendance == "" {
		c.Attendance = dataset.AttendanceOnline
		if a, ok := attendance2[c.ID]; ok {
			c.Attendance = a
		}
	}
	keep(&c.AgeNote, p.Aldersgrense)
	if c.MinAge == 0 {
		c.MinAge = minAge(p.Aldersgrense)
	}
	keep(&c.Cost, p.Kostnad)
	c.Free = c.Free || free(c.Cost)
	keep(&c.HowToJoin, p.HvordanBliMed)
	if len(p.Sprak) > 0 {
		return errors.New(c.ID + ": praktisk.sprak is not mapped yet (no record had it); map it to BCP 47 tags")
	}
	return nil
}

// ageRe is an age limit as the sources word it: "18 år", "over 18 år".
var ageRe = regexp.MustCompile(`^(?:over )?([0-9]{1,2}) år\b`)

// minAge is the lowest age an age text states, 0 when it states none (a
// text about groups for children of several ages is no limit).
func minAge(s string) int {
	m := ageRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// free reports whether a cost text says taking part costs nothing: "gratis",
// "ingen medlemsavgift; frivillige bidrag".
func free(cost string) bool {
	c := strings.ToLower(strings.TrimSpace(cost))
	return strings.HasPrefix(c, "gratis") || strings.HasPrefix(c, "ingen ")
}

var (
	weekdayRe = regexp.MustCompile(`(?i)\b(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)(er|ar)?\b`)
	clockRe   = regexp.MustCompile(`kl\. ?([0-9]{1,2})(?:[.:]([0-9]{2}))?(?: ?[–-] ?([0-9]{1,2})(?:[.:]([0-9]{2}))?)?`)
	weekdayOf = map[string]string{"mandag": "monday", "tirsdag": "tuesday", "onsdag": "wednesday",
		"torsdag": "thursday", "fredag": "friday", "lørdag": "saturday", "søndag": "sunday"}
)

// meetingTimes reads the weekday and clock time of each clause of a
// schedule text ("dagtid mandager kl. 13–15 (…); kveld tirsdager kl. 19–21"),
// where a clause names exactly one weekday. A clause about one coming
// session ("neste samling en mandag") is no regular meeting.
func meetingTimes(schedule string) []dataset.Meeting {
	var out []dataset.Meeting
	for _, clause := range strings.Split(schedule, ";") {
		days := weekdayRe.FindAllStringSubmatch(clause, -1)
		if len(days) != 1 || strings.Contains(clause, "neste") {
			continue
		}
		m := dataset.Meeting{Weekday: weekdayOf[strings.ToLower(days[0][1])]}
		if t := clockRe.FindStringSubmatch(clause); t != nil {
			m.Start = clock(t[1], t[2])
			if t[3] != "" {
				m.End = clock(t[3], t[4])
			}
		}
		out = append(out, m)
	}
	return out
}

// clock writes hours and minutes as HH:MM.
func clock(h, m string) string {
	if m == "" {
		m = "00"
	}
	if len(h) == 1 {
		h = "0" + h
	}
	return h + ":" + m
}
