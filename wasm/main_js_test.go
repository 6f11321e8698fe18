//go:build js && wasm

package main

import (
	"runtime"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/store"
)

// loadedAPI returns the exported API with the real dataset (data/*.json)
// loaded through the same path the browser uses: bytes into load().
func loadedAPI(t testing.TB) js.Value {
	t.Helper()
	ds, err := store.LoadDir("../data")
	require.NoError(t, err)
	b, err := store.Bundle(ds)
	require.NoError(t, err)
	arr := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(arr, b)
	api := (&module{}).exports()
	require.Equal(t, "", api.Call("load", arr).String())
	return api
}

func parse(t testing.TB, v js.Value) js.Value {
	t.Helper()
	require.Equal(t, js.TypeString, v.Type())
	return js.Global().Get("JSON").Call("parse", v)
}

func TestLoadErrors(t *testing.T) {
	api := (&module{}).exports()
	for _, tc := range []struct {
		name string
		arg  any
	}{
		{"no bytes", nil},
		{"string", "x"},
		{"html", js.Global().Get("TextEncoder").New().Call("encode", "<html>")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out js.Value
			if tc.arg == nil {
				out = api.Call("load")
			} else {
				out = api.Call("load", tc.arg)
			}
			assert.NotEqual(t, "", out.String())
		})
	}
	assert.Equal(t, "dataset not loaded", parse(t, api.Call("search", "bergen")).Get("error").String())
}

func TestSearchContractShape(t *testing.T) {
	api := loadedAPI(t)
	for _, tc := range []struct {
		name string
		call func() js.Value
	}{
		{"search", func() js.Value { return api.Call("search", "bergn") }},
		{"search with opts", func() js.Value {
			return api.Call("search", "sorg", map[string]any{"municipality": "4601", "topic": "sorg", "limit": 5})
		}},
		{"search empty", func() js.Value { return api.Call("search", "") }},
		{"near", func() js.Value { return api.Call("near", 60.39, 5.32, map[string]any{"limit": 3}) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := parse(t, tc.call())
			assert.True(t, r.Get("error").IsUndefined(), "error: %v", r.Get("error"))
			assert.True(t, js.Global().Get("Array").Call("isArray", r.Get("suggestions")).Bool())
			assert.True(t, js.Global().Get("Array").Call("isArray", r.Get("results")).Bool())
		})
	}
	r := parse(t, api.Call("search", "bergn"))
	assert.Equal(t, "Bergen", r.Get("suggestions").Index(0).Get("label").String())
	assert.Equal(t, "4601", r.Get("place").Get("municipality").String())
	info := parse(t, api.Call("info"))
	assert.Equal(t, "selvhjelp-norge", info.Get("results").Index(0).Get("contact_point").Get("id").String())
	assert.Greater(t, info.Get("suggestions").Length(), 10, "topics")
	r = parse(t, api.Call("near", "x", 5))
	assert.Equal(t, "near: expected lat, lon numbers", r.Get("error").String())
}

func TestOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []any
		want opts
	}{
		{"none", []any{"q"}, opts{}},
		{"undefined", []any{"q", js.Undefined()}, opts{}},
		{"all", []any{"q", map[string]any{"municipality": "4601", "topic": "sorg", "limit": 7}}, opts{Municipality: "4601", Topic: "sorg", Limit: 7}},
		{"wrong types ignored", []any{"q", map[string]any{"municipality": 4601, "topic": nil, "limit": "7"}}, opts{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vals := make([]js.Value, len(tc.args))
			for i, a := range tc.args {
				vals[i] = js.ValueOf(a)
			}
			assert.Equal(t, tc.want, options(vals, 1))
		})
	}
}

// TestSearchMemoryFlat calls search through JS 100,000 times and checks that
// neither the Go heap nor the JS heap grows: a js.FuncOf or a js.Value kept
// per call would show here.
func TestSearchMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 searches")
	}
	api := loadedAPI(t)
	v8 := js.Global().Call("require", "v8")
	v8.Call("setFlagsFromString", "--expose-gc")
	jsGC := js.Global().Call("require", "vm").Call("runInNewContext", "gc")
	process := js.Global().Get("process")
	queries := []string{"bergn", "sorg bergen", "0150", "angst i tromsø", "Guovdageaidnu", "qqqqq", "kárášjohka", "b"}
	opt := map[string]any{"limit": 10}
	search := api.Get("search")
	run := func(n int) {
		for i := 0; i < n; i++ {
			out := search.Invoke(queries[i%len(queries)], opt)
			if out.Type() != js.TypeString {
				t.Fatalf("search returned %v", out.Type())
			}
		}
	}
	measure := func() (goHeap, goSys uint64, jsHeap float64) {
		for i := 0; i < 3; i++ {
			runtime.GC()
			jsGC.Invoke()
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc, ms.Sys, process.Call("memoryUsage").Get("heapUsed").Float()
	}
	run(10_000) // warm up: buffers reach their steady size
	goHeap0, goSys0, jsHeap0 := measure()
	run(90_000)
	goHeap1, goSys1, jsHeap1 := measure()
	t.Logf("Go heap %d -> %d B, Go sys %d -> %d B, JS heap %.0f -> %.0f B", goHeap0, goHeap1, goSys0, goSys1, jsHeap0, jsHeap1)
	assert.Less(t, float64(goHeap1), float64(goHeap0)+512<<10, "Go heap grew")
	assert.Less(t, float64(goSys1), float64(goSys0)+4<<20, "Go memory from the host grew")
	assert.Less(t, jsHeap1, jsHeap0+2<<20, "JS heap grew")
}

// TestPresetAndLabelsThroughJS calls the two helpers the element uses for
// forgiving attributes and names in its language, as the browser does.
func TestPresetAndLabelsThroughJS(t *testing.T) {
	api := loadedAPI(t)
	for _, c := range []struct{ kind, value, want string }{
		{"municipality", "1201", "4601"},
		{"municipality", "Bergen", "4601"},
		{"topic", "Sorg", "sorg"},
		{"topic", "qqqq", ""},
	} {
		assert.Equal(t, c.want, api.Call("preset", c.kind, c.value).String(), c.value)
	}
	assert.Equal(t, "", api.Call("preset").String(), "no arguments")
	assert.Equal(t, "", api.Call("preset", 1, 2).String(), "wrong types")
	l := parse(t, api.Call("labels"))
	assert.Equal(t, "Sorg og tap", l.Get("topics").Get("sorg").Get("nb").String())
	assert.Equal(t, "Guovdageaidnu", l.Get("places").Get("5612").Index(0).Get("name").String())
}
