package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
)

// regionKinds maps regioner.csv's type column to dataset region kinds.
var regionKinds = map[string]string{
	"landsdel":         dataset.RegionLandsdel,
	"fylke_tidligere":  dataset.RegionFormerCounty,
	"distrikt":         dataset.RegionDistrict,
	"okonomisk_region": dataset.RegionEconomicRegion,
}

// districtKinds maps bydeler_og_steder.csv's type column to dataset kinds.
var districtKinds = map[string]string{
	"bydel":    dataset.DistrictBorough,
	"strok":    dataset.DistrictNeighbourhood,
	"tettsted": dataset.DistrictTown,
}

// splitList splits a "|"-separated cell, dropping empty parts.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// regions reads regioner.csv in its own order (a district and an economic
// region may share a name; the engine decides between them).
func regions(path string) ([]dataset.Region, error) {
	rows, err := readCSV(path, "navn", "alternative_navn", "type", "kommunenummer", "kilde", "merknad")
	if err != nil {
		return nil, err
	}
	out := make([]dataset.Region, 0, len(rows))
	for i, r := range rows {
		kind, ok := regionKinds[r["type"]]
		if !ok {
			return nil, fmt.Errorf("%s: row %d (%s): unknown type %q", path, i+2, r["navn"], r["type"])
		}
		out = append(out, dataset.Region{
			Name:           strings.TrimSpace(r["navn"]),
			AltNames:       splitList(r["alternative_navn"]),
			Kind:           kind,
			Municipalities: splitList(r["kommunenummer"]),
			Source:         strings.TrimSpace(r["kilde"]),
			Note:           strings.TrimSpace(r["merknad"]),
		})
	}
	return out, nil
}

// districts reads bydeler_og_steder.csv in its own order.
func districts(path string) ([]dataset.District, error) {
	rows, err := readCSV(path, "navn", "alternative_navn", "type", "kommunenummer", "lat", "lon", "kilde", "merknad")
	if err != nil {
		return nil, err
	}
	out := make([]dataset.District, 0, len(rows))
	for i, r := range rows {
		where := fmt.Sprintf("%s: row %d (%s)", path, i+2, r["navn"])
		kind, ok := districtKinds[r["type"]]
		if !ok {
			return nil, fmt.Errorf("%s: unknown type %q", where, r["type"])
		}
		d := dataset.District{
			Name:         strings.TrimSpace(r["navn"]),
			AltNames:     splitList(r["alternative_navn"]),
			Kind:         kind,
			Municipality: strings.TrimSpace(r["kommunenummer"]),
			Source:       strings.TrimSpace(r["kilde"]),
			Note:         strings.TrimSpace(r["merknad"]),
		}
		if r["lat"] != "" || r["lon"] != "" {
			if d.Lat, err = strconv.ParseFloat(r["lat"], 64); err != nil {
				return nil, fmt.Errorf("%s: lat: %w", where, err)
			}
			if d.Lon, err = strconv.ParseFloat(r["lon"], 64); err != nil {
				return nil, fmt.Errorf("%s: lon: %w", where, err)
			}
		}
		out = append(out, d)
	}
	return out, nil
}

// regionMunicipalities returns the members of the region named name (its
// name or an alternative name), preferring a traditional district over an
// economic region of the same name; nil when none is called that.
func regionMunicipalities(rs []dataset.Region, name string) []string {
	var found []string
	for _, r := range rs {
		names := append([]string{r.Name}, r.AltNames...)
		for _, n := range names {
			if strings.EqualFold(n, name) && (found == nil || r.Kind == dataset.RegionDistrict) {
				found = r.Municipalities
			}
		}
	}
	return found
}
