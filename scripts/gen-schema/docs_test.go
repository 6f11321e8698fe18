package main

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
)

// TestSchemaDocumented: data/README.md has a section per dataset file
// ("### `contact_points.json` – ...") naming every json field of its
// records, so a new field cannot go undocumented.
func TestSchemaDocumented(t *testing.T) {
	b, err := os.ReadFile(repoRoot + "/data/README.md")
	require.NoError(t, err)
	readme := string(b)
	ty := reflect.TypeFor[dataset.Dataset]()
	for i := 0; i < ty.NumField(); i++ {
		sf := ty.Field(i)
		if sf.Type.Kind() != reflect.Slice {
			continue
		}
		file, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		file += ".json"
		section, ok := sectionOf(readme, "### `"+file+"`")
		if !assert.True(t, ok, "data/README.md has no section ### `%s`", file) {
			continue
		}
		fields, err := fieldsOf(sf.Type.Elem())
		require.NoError(t, err)
		for _, f := range fields {
			assert.Contains(t, section, "`"+f.JSONName+"`", "data/README.md, %s: field %s is not documented", file, f.JSONName)
		}
	}
}

// sectionOf returns the text from the heading that starts with prefix to
// the next heading of any level.
func sectionOf(doc, prefix string) (string, bool) {
	i := strings.Index(doc, "\n"+prefix)
	if i < 0 {
		return "", false
	}
	rest := doc[i+1:]
	if j := strings.Index(rest[1:], "\n#"); j >= 0 {
		rest = rest[:j+1]
	}
	return rest, true
}
