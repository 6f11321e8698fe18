package search

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/scripts/gen-schema/schematest"
)

// TestRecordEncodersMatchEncodingJSON: the generated, reflect-free encoders
// of the records the contract embeds write exactly what encoding/json does
// (HTML-safe), for a record with every field filled, the zero record, and
// each field alone (every omitempty branch and comma).
func TestRecordEncodersMatchEncodingJSON(t *testing.T) {
	var f schematest.Filler
	var cp dataset.ContactPoint
	var cl dataset.CrisisLine
	require.NoError(t, f.Fill(&cp))
	require.NoError(t, f.Fill(&cl))
	for _, tc := range []struct {
		name   string
		full   any
		encode func(v any) []byte
	}{
		{"ContactPoint", cp, func(v any) []byte { c := v.(dataset.ContactPoint); return appendContactPoint(nil, &c) }},
		{"CrisisLine", cl, func(v any) []byte { c := v.(dataset.CrisisLine); return appendCrisisLine(nil, &c) }},
		{"SourceRef", cp.Sources[0], func(v any) []byte { s := v.(dataset.SourceRef); return appendSourceRef(nil, &s) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for name, v := range variants(tc.full) {
				want, err := json.Marshal(v)
				require.NoError(t, err)
				assert.Equal(t, string(want), string(tc.encode(v)), name)
			}
		})
	}
}

// variants are the full record, the zero record, and one record per field
// holding only that field.
func variants(full any) map[string]any {
	fv := reflect.ValueOf(full)
	out := map[string]any{"full": full, "zero": reflect.Zero(fv.Type()).Interface()}
	for i := 0; i < fv.NumField(); i++ {
		one := reflect.New(fv.Type()).Elem()
		one.Field(i).Set(fv.Field(i))
		out["only "+fv.Type().Field(i).Name] = one.Interface()
	}
	return out
}
