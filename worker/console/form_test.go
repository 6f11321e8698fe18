package console

import (
	"net/http"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
)

// TestFormFollowsTheRecordType: every json field of dataset.ContactPoint
// has an input, so a field added to the type appears in the form.
func TestFormFollowsTheRecordType(t *testing.T) {
	typ := reflect.TypeFor[dataset.ContactPoint]()
	require.Len(t, recordForm, typ.NumField())
	byName := map[string]formField{}
	for _, f := range recordForm {
		byName[f.Name] = f
	}
	assert.Equal(t, formField{Name: "phone", Label: "Telefon", Type: typeText}, byName["phone"])
	assert.Equal(t, typeChoice, byName["kind"].Type)
	assert.True(t, byName["kind"].Required)
	assert.Contains(t, byName["status"].Options, option{dataset.StatusUnknown, "ukjent"})
	assert.Equal(t, typeBool, byName["serves_all"].Type)
	assert.Equal(t, typeList, byName["topics"].Type)
	sources := byName["sources"]
	assert.Equal(t, typeRecords, sources.Type)
	assert.Equal(t, []string{"url", "page_date", "facts"}, names(sources.Fields))
}

// TestFormOfANewField: a type with a field the console has never seen gets
// an input for it, labelled from its csv tag.
func TestFormOfANewField(t *testing.T) {
	type record struct {
		ID      string `json:"id" csv:"id,required"`
		Opening string `json:"opening_hours,omitempty" csv:"åpningstider"`
		Private bool   `json:"-"`
	}
	assert.Equal(t, []formField{
		{Name: "id", Label: "Id", Type: typeText, Required: true},
		{Name: "opening_hours", Label: "Åpningstider", Type: typeText},
	}, formOf(reflect.TypeFor[record]()))
}

func names(fs []formField) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Name)
	}
	return out
}

// TestRoutesRegister: the route patterns do not conflict (ServeMux panics
// on a conflict when the worker starts).
func TestRoutesRegister(t *testing.T) {
	c := &Console{mux: http.NewServeMux()}
	assert.NotPanics(t, c.routes)
}
