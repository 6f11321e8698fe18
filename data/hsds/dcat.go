package hsds

import "github.com/selvhjelp/finder/data/dataset"

// The DCAT-AP-NO description: the dataset with its two distributions (the
// bundle and this HSDS export). What no source states is left out: the
// publisher's contact is the dataset's own page, and the licence is the
// rights statement of ATTRIBUTION.md, since the sources carry different
// licences (CC BY 4.0, CC BY 3.0, MIT, NLOD) and no one has chosen one for
// the compilation.

// Vocabularies DCAT-AP-NO uses.
const (
	euCountryNorway = "http://publications.europa.eu/resource/authority/country/NOR"
	euIrregular     = "http://publications.europa.eu/resource/authority/frequency/IRREG"
	euJSON          = "http://publications.europa.eu/resource/authority/file-type/JSON"
	euThemeHealth   = "http://publications.europa.eu/resource/authority/data-theme/HEAL"
)

// Catalog is the dataset as a DCAT-AP-NO JSON-LD document; base is the
// public address the files are served from ("https://worker.example").
func Catalog(d *dataset.Dataset, base string) map[string]any {
	hsdsURL := base + "/v1/hsds/" + ServicesFile
	return map[string]any{
		"@context": map[string]any{
			"dcat":  "http://www.w3.org/ns/dcat#",
			"dct":   "http://purl.org/dc/terms/",
			"foaf":  "http://xmlns.com/foaf/0.1/",
			"vcard": "http://www.w3.org/2006/vcard/ns#",
		},
		"@id":   base + "/v1/hsds/" + DCATFile + "#dataset",
		"@type": "dcat:Dataset",
		"dct:title": []map[string]string{
			{"@language": "nb", "@value": "Kontaktpunkter for selvhjelpsgrupper i Norge"},
		},
		"dct:description": []map[string]string{
			{"@language": "nb", "@value": "Steder der folk kan finne eller starte selvorganiserte selvhjelpsgrupper, likepersongrupper og sorggrupper, med kilde og dato for hver opplysning. Ingen post er bekreftet i drift før den er verifisert."},
		},
		"dct:identifier":         base + "/v1/dataset.json",
		"dct:publisher":          map[string]any{"@type": "foaf:Agent", "foaf:name": "Selvhjelp-finner (prosjektet)"},
		"dcat:contactPoint":      map[string]any{"@type": "vcard:Organization", "vcard:fn": "Redaksjonen for Selvhjelp-finner", "vcard:hasURL": map[string]string{"@id": base + "/"}},
		"dct:spatial":            map[string]string{"@id": euCountryNorway},
		"dct:accrualPeriodicity": map[string]string{"@id": euIrregular},
		"dcat:theme":             map[string]string{"@id": euThemeHealth},
		"dct:rights":             "Kildene har ulike lisenser; se kreditering og lisens for hver kilde i datasettets sources.",
		"dcat:keyword":           []map[string]string{{"@language": "nb", "@value": "selvhjelp"}, {"@language": "nb", "@value": "likepersoner"}, {"@language": "nb", "@value": "sorggrupper"}},
		"dcat:distribution": []map[string]any{
			distribution(base+"/v1/dataset.json", "Hele datasettet (JSON)", "application/json", ""),
			distribution(hsdsURL, "Kontaktpunktene som HSDS 3 (Open Referral)", "application/json", "https://docs.openreferral.org/en/latest/hsds/"),
		},
		"dcat:version": d.Version,
	}
}

func distribution(url, title, mediaType, conformsTo string) map[string]any {
	dist := map[string]any{
		"@type":            "dcat:Distribution",
		"dcat:accessURL":   map[string]string{"@id": url},
		"dcat:downloadURL": map[string]string{"@id": url},
		"dct:title":        []map[string]string{{"@language": "nb", "@value": title}},
		"dcat:mediaType":   mediaType,
		"dct:format":       map[string]string{"@id": euJSON},
	}
	if conformsTo != "" {
		dist["dct:conformsTo"] = map[string]string{"@id": conformsTo}
	}
	return dist
}
