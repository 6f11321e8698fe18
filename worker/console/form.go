package console

import (
	"reflect"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
)

// formField describes one input of the record form. The form is generated
// from dataset.ContactPoint's fields and tags (json name, csv header word
// and options), so a field added to the type appears in the console
// without new form code.
type formField struct {
	Name     string      `json:"name"`  // the json name, also the path in validation errors
	Label    string      `json:"label"` // the spreadsheet's Norwegian column name
	Type     string      `json:"type"`  // text, bool, choice, list (comma-separated), records (a list of objects)
	Required bool        `json:"required,omitempty"`
	Options  []option    `json:"options,omitempty"`
	Fields   []formField `json:"fields,omitempty"` // of each object of a records field
}

type option struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// Form field types.
const (
	typeText    = "text"
	typeBool    = "bool"
	typeChoice  = "choice"
	typeList    = "list"
	typeRecords = "records"
)

// recordForm is the contact point form.
var recordForm = formOf(reflect.TypeFor[dataset.ContactPoint]())

// choices are the csv options whose values come from a fixed table.
var choices = map[string]func() []option{
	"kind":   func() []option { return options(dataset.Kinds(), dataset.KindLabel) },
	"status": func() []option { return options(dataset.Statuses(), dataset.StatusLabel) },
}

func options(values []string, label func(string) string) []option {
	out := make([]option, len(values))
	for i, v := range values {
		out[i] = option{v, label(v)}
	}
	return out
}

func formOf(t reflect.Type) []formField {
	var out []formField
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		csvTag := strings.Split(sf.Tag.Get("csv"), ",")
		f := formField{Name: name, Label: label(csvTag[0], name), Type: typeText}
		for _, opt := range csvTag[1:] {
			switch {
			case opt == "required":
				f.Required = true
			case choices[opt] != nil:
				f.Type, f.Options = typeChoice, choices[opt]()
			}
		}
		switch {
		case sf.Type.Kind() == reflect.Bool:
			f.Type = typeBool
		case sf.Type.Kind() == reflect.Slice && sf.Type.Elem().Kind() == reflect.Struct:
			f.Type, f.Fields = typeRecords, formOf(sf.Type.Elem())
		case sf.Type.Kind() == reflect.Slice:
			f.Type = typeList
		}
		out = append(out, f)
	}
	return out
}

// label is a column name for people: "sist_verifisert" → "Sist verifisert".
func label(csvName, jsonName string) string {
	s := csvName
	if s == "" {
		s = jsonName
	}
	s = strings.ReplaceAll(s, "_", " ")
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
