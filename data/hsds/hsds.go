// Package hsds writes the dataset's contact points as Open Referral's Human
// Services Data Specification 3.x (HSDS): one service per contact point with
// its organization, location, schedules and provenance, so that partners and
// national directories can read the dataset without knowing our schema.
//
// Ids are UUIDv5 of our ids (stable across exports); assured_date is
// last_verified; every source page goes into metadata; a record whose status
// no source confirms is exported as "active" with an alert that says so,
// since HSDS has no "unknown".
package hsds

import (
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/selvhjelp/finder/data/dataset"
)

// Namespace is the UUIDv5 namespace of the finder's ids: the UUIDv5 of its
// public address in the URL namespace.
var Namespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://selvhjelp-finner.no/"))

// ServicesFile is the name of the export: an array of HSDS services.
const ServicesFile = "services.json"

// UnknownAlert is the alert of a record no source confirms in operation.
const UnknownAlert = "Status ukjent: ingen kilde bekrefter at tilbudet er i drift nå; sjekk før du henviser noen."

// ID is the HSDS id of one of our ids in a kind of object ("service",
// "organization", …): the same input gives the same UUID in every export.
func ID(object, id string) string {
	return uuid.NewSHA1(Namespace, []byte(object+"/"+id)).String()
}

// Service is an HSDS 3 service with the objects we fill.
type Service struct {
	ID                 string              `json:"id"`
	OrganizationID     string              `json:"organization_id"`
	Name               string              `json:"name"`
	Description        string              `json:"description,omitempty"`
	URL                string              `json:"url,omitempty"`
	Email              string              `json:"email,omitempty"`
	Status             string              `json:"status"`
	ApplicationProcess string              `json:"application_process,omitempty"`
	FeesDescription    string              `json:"fees_description,omitempty"`
	EligibilityNote    string              `json:"eligibility_description,omitempty"`
	MinimumAge         *int                `json:"minimum_age,omitempty"`
	AssuredDate        string              `json:"assured_date,omitempty"`
	Alert              string              `json:"alert,omitempty"`
	Phones             []Phone             `json:"phones,omitempty"`
	Schedules          []Schedule          `json:"schedules,omitempty"`
	ServiceAreas       []ServiceArea       `json:"service_areas,omitempty"`
	ServiceAtLocations []ServiceAtLocation `json:"service_at_locations,omitempty"`
	Languages          []Language          `json:"languages,omitempty"`
	Organization       Organization        `json:"organization"`
	Metadata           []Metadata          `json:"metadata"`
}

// Organization is who runs the service; ours has one per contact point.
type Organization struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Website     string `json:"website,omitempty"`
	Email       string `json:"email,omitempty"`
}

// Phone is a number as people dial it.
type Phone struct {
	ID     string `json:"id"`
	Number string `json:"number"`
}

// Schedule is one meeting time (RFC 5545 style) or the free text of when.
type Schedule struct {
	ID            string `json:"id"`
	ServiceID     string `json:"service_id"`
	Freq          string `json:"freq,omitempty"`
	ByDay         string `json:"byday,omitempty"`
	OpensAt       string `json:"opens_at,omitempty"`
	ClosesAt      string `json:"closes_at,omitempty"`
	Description   string `json:"description,omitempty"`
	AttendingType string `json:"attending_type,omitempty"`
}

// ServiceArea is the coverage in the source's words.
type ServiceArea struct {
	ID          string `json:"id"`
	ServiceID   string `json:"service_id"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
}

// ServiceAtLocation links the service to where it is.
type ServiceAtLocation struct {
	ID         string   `json:"id"`
	ServiceID  string   `json:"service_id"`
	LocationID string   `json:"location_id"`
	Location   Location `json:"location"`
}

// Location is a place; Address only where a source gives one.
type Location struct {
	ID            string          `json:"id"`
	LocationType  string          `json:"location_type"`
	Name          string          `json:"name,omitempty"`
	Latitude      float64         `json:"latitude,omitempty"`
	Longitude     float64         `json:"longitude,omitempty"`
	Addresses     []Address       `json:"addresses,omitempty"`
	Accessibility []Accessibility `json:"accessibility,omitempty"`
}

// Address is a physical address in Norway.
type Address struct {
	ID            string `json:"id"`
	Address1      string `json:"address_1"`
	City          string `json:"city"`
	StateProvince string `json:"state_province"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
	AddressType   string `json:"address_type"`
}

// Accessibility is the accessibility of the premises in the source's words.
type Accessibility struct {
	ID          string `json:"id"`
	Description string `json:"description"`
}

// Language is a language groups are held in.
type Language struct {
	ID   string `json:"id"`
	Code string `json:"code"`
}

// Metadata records where a fact came from: one per source page.
type Metadata struct {
	ID               string `json:"id"`
	ResourceID       string `json:"resource_id"`
	ResourceType     string `json:"resource_type"`
	LastActionDate   string `json:"last_action_date"`
	LastActionType   string `json:"last_action_type"`
	FieldName        string `json:"field_name"`
	PreviousValue    string `json:"previous_value"`
	ReplacementValue string `json:"replacement_value"`
	UpdatedBy        string `json:"updated_by"`
}

// byDay is the RFC 5545 day of each weekday (dataset.Weekdays order).
var byDay = map[string]string{"monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH",
	"friday": "FR", "saturday": "SA", "sunday": "SU"}

// attending is the HSDS attending_type of our attendance.
var attending = map[string]string{dataset.AttendanceOnline: "online", dataset.AttendanceInPerson: "in_person",
	dataset.AttendanceBoth: "online,in_person"}

// Services converts every contact point of d; counties names the county of
// each municipality for addresses.
func Services(d *dataset.Dataset) []Service {
	munis := map[string]dataset.Municipality{}
	for _, m := range d.Municipalities {
		munis[m.Number] = m
	}
	counties := map[string]string{}
	for _, c := range d.Counties {
		counties[c.Number] = c.Name
	}
	out := make([]Service, 0, len(d.ContactPoints))
	for _, cp := range d.ContactPoints {
		out = append(out, service(cp, munis, counties))
	}
	return out
}

func service(cp dataset.ContactPoint, munis map[string]dataset.Municipality, counties map[string]string) Service {
	id := ID("service", cp.ID)
	desc := cp.CitizenNote
	if desc == "" {
		desc = strings.TrimSpace(dataset.KindLabel(cp.Kind) + ". " + cp.Groups)
	}
	s := Service{
		ID: id, OrganizationID: ID("organization", cp.ID), Name: cp.Name, Description: desc,
		URL: cp.URL, Email: cp.Email, ApplicationProcess: cp.HowToJoin, FeesDescription: cp.Cost,
		EligibilityNote: cp.AgeNote, AssuredDate: cp.LastVerified,
		Organization: Organization{ID: ID("organization", cp.ID), Name: cp.Name,
			Description: "Se tjenesten " + cp.Name + " (" + dataset.KindLabel(cp.Kind) + ").", Website: cp.URL, Email: cp.Email},
	}
	switch cp.Status {
	case dataset.StatusActive:
		s.Status = "active"
	case dataset.StatusClosed:
		s.Status = "defunct"
	default:
		s.Status, s.Alert = "active", UnknownAlert
	}
	if cp.Notice != "" {
		s.Alert = strings.TrimSpace(s.Alert + " " + cp.Notice)
	}
	if cp.MinAge > 0 {
		age := cp.MinAge
		s.MinimumAge = &age
	}
	if cp.Phone != "" {
		s.Phones = []Phone{{ID: ID("phone", cp.ID), Number: cp.Phone}}
	}
	s.Schedules = schedules(cp, id)
	if cp.Coverage != "" {
		s.ServiceAreas = []ServiceArea{{ID: ID("service_area", cp.ID), ServiceID: id, Name: cp.Coverage}}
	}
	if loc, ok := location(cp, munis, counties); ok {
		s.ServiceAtLocations = []ServiceAtLocation{{ID: ID("service_at_location", cp.ID), ServiceID: id,
			LocationID: loc.ID, Location: loc}}
	}
	for _, l := range cp.Languages {
		s.Languages = append(s.Languages, Language{ID: ID("language", cp.ID+"/"+l), Code: l})
	}
	s.Metadata = provenance(cp, id)
	return s
}

// schedules are the meeting times, or the schedule text alone.
func schedules(cp dataset.ContactPoint, serviceID string) []Schedule {
	var out []Schedule
	for i, m := range cp.Meetings {
		out = append(out, Schedule{ID: ID("schedule", fmt.Sprintf("%s/%d", cp.ID, i)), ServiceID: serviceID,
			Freq: "WEEKLY", ByDay: byDay[m.Weekday], OpensAt: m.Start, ClosesAt: m.End,
			Description: cp.Schedule, AttendingType: attending[cp.Attendance]})
	}
	if len(out) == 0 && (cp.Schedule != "" || cp.Attendance != "") {
		out = append(out, Schedule{ID: ID("schedule", cp.ID), ServiceID: serviceID, Description: cp.Schedule,
			AttendingType: attending[cp.Attendance]})
	}
	return out
}

// location is where the contact point is: its address where a source gives
// one, else its municipality's point; none for a national resource.
func location(cp dataset.ContactPoint, munis map[string]dataset.Municipality, counties map[string]string) (Location, bool) {
	m, ok := munis[cp.Municipality]
	if !ok || cp.ServesAll && cp.Address == "" {
		return Location{}, false
	}
	loc := Location{ID: ID("location", cp.ID), LocationType: "physical", Name: m.Name, Latitude: m.Lat, Longitude: m.Lon}
	if cp.Address != "" {
		loc.Addresses = []Address{{ID: ID("address", cp.ID), Address1: cp.Address, City: cp.PostalPlace,
			StateProvince: counties[m.County], PostalCode: cp.Postcode, Country: "NO", AddressType: "physical"}}
	}
	if cp.Accessibility != "" {
		loc.Accessibility = []Accessibility{{ID: ID("accessibility", cp.ID), Description: cp.Accessibility}}
	}
	return loc, true
}

// provenance is one metadata entry per source page: the page, its date in
// its own words and the facts read there.
func provenance(cp dataset.ContactPoint, serviceID string) []Metadata {
	out := make([]Metadata, 0, len(cp.Sources))
	for i, src := range cp.Sources {
		date := cp.LastVerified
		if date == "" {
			date = "ukjent"
		}
		out = append(out, Metadata{ID: ID("metadata", fmt.Sprintf("%s/%d", cp.ID, i)), ResourceID: serviceID,
			ResourceType: "service", LastActionDate: date, LastActionType: "source",
			FieldName: "sources", PreviousValue: src.PageDate, ReplacementValue: src.Facts, UpdatedBy: src.URL})
	}
	return out
}
