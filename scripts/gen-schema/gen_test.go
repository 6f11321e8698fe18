package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repoRoot is the repository root seen from this package's folder.
const repoRoot = "../.."

// TestGeneratedFilesAreCurrent regenerates into memory and compares with
// the checked-in files, so `go test ./...` fails on a clean clone when
// someone changed a dataset type and forgot `go generate ./...`.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	files, err := generate()
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for path, want := range files {
		got, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(path)))
		require.NoError(t, err, "%s is missing: run `go generate ./...`", path)
		if line, ok := firstDifference(want, got); !ok {
			t.Errorf("%s is stale (first difference on line %d): run `go generate ./...`", path, line)
		}
	}
}

// firstDifference returns the first line (1-based) where a and b differ.
func firstDifference(a, b []byte) (line int, same bool) {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < min(len(al), len(bl)); i++ {
		if al[i] != bl[i] {
			return i + 1, false
		}
	}
	return min(len(al), len(bl)) + 1, len(al) == len(bl)
}

func TestRunWritesOnlyChangedFiles(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte("module x\n"), 0o644))
	files, err := generate()
	require.NoError(t, err)
	for path := range files {
		require.NoError(t, os.MkdirAll(filepath.Join(root, filepath.Dir(path)), 0o755))
	}
	require.NoError(t, run(root))
	for path, want := range files {
		got, err := os.ReadFile(filepath.Join(root, path))
		require.NoError(t, err)
		assert.Equal(t, want, got, path)
	}
	assert.Error(t, run(t.TempDir()), "a folder without go.mod is not the root")
}

// Types the generator must refuse, naming the field.
type (
	withMap struct {
		Tags map[string]string `json:"tags"`
	}
	withPointer struct {
		Next *withMap `json:"next"`
	}
	withStringOption struct {
		Count int `json:"count,string"`
	}
	named     string
	withNamed struct {
		Kind named `json:"kind"`
	}
	nested struct {
		Inner withMap `json:"inner"`
	}
)

func TestGeneratorRefusesWhatItCannotEncode(t *testing.T) {
	for _, tc := range []struct {
		typ  reflect.Type
		want string
	}{
		{reflect.TypeFor[withMap](), "withMap.Tags: type map[string]string is not supported"},
		{reflect.TypeFor[withPointer](), "withPointer.Next: type *main.withMap is not supported"},
		{reflect.TypeFor[withStringOption](), `withStringOption.Count: json option "string"`},
		{reflect.TypeFor[withNamed](), "withNamed.Kind: named type main.named"},
		{reflect.TypeFor[nested](), "withMap.Tags"},
	} {
		t.Run(tc.typ.Name(), func(t *testing.T) {
			_, err := decoder(tc.typ)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			_, err = encoders(tc.typ)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// allOptional starts with optional fields: whether a comma precedes a key
// is then known only at run time.
type allOptional struct {
	A string   `json:"a,omitempty"`
	B []string `json:"b,omitempty"`
	C int      `json:"c"`
	D bool     `json:"d,omitempty"`
	E float64
	F bool `json:"-"`
	g string
}

func TestEncoderCommas(t *testing.T) {
	src, err := encoders(reflect.TypeFor[allOptional]())
	require.NoError(t, err)
	// a: first key, no comma; b: a comma only if a was written; c: the
	// same check; d and E after c: always a comma. F and g are not encoded.
	want := "\tb = append(b, '{')\n" +
		"\tif v.A != \"\" {\n\t\tb = appendKeyString(b, `\"a\":`, v.A)\n\t}\n" +
		"\tif len(v.B) > 0 {\n\t\tif b[len(b)-1] != '{' {\n\t\t\tb = append(b, ',')\n\t\t}\n\t\tb = append(b, `\"b\":`...)\n\t\tb = appendStrings(b, v.B)\n\t}\n" +
		"\tif b[len(b)-1] != '{' {\n\t\tb = append(b, ',')\n\t}\n\tb = append(b, `\"c\":`...)\n\tb = strconv.AppendInt(b, int64(v.C), 10)\n" +
		"\tif v.D {\n\t\tb = append(b, `,\"d\":true`...)\n\t}\n" +
		"\tb = append(b, `,\"E\":`...)\n\tb = appendFloat(b, v.E)\n" +
		"\treturn append(b, '}')\n"
	assert.Contains(t, string(src), want)
	assert.NotContains(t, string(src), `"F"`)
	assert.NotContains(t, string(src), `"g"`)
}

type withForeignStruct struct {
	Inner reflect.Method `json:"inner"`
}

func TestGeneratorRefusesForeignStructs(t *testing.T) {
	_, err := encoders(reflect.TypeFor[withForeignStruct]())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "type reflect.Method is not supported")
}
