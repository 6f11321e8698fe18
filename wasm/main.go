//go:build js && wasm

// Command wasm is the browser module of <selvhjelp-finder>: the search engine
// compiled to WebAssembly, searching on the device so that no query leaves
// the browser.
//
// Handshake: the loader sets globalThis.__selvhjelpFinder to a function and
// runs the module; main calls it once with the API object
//
//	load(bytes Uint8Array) -> "" or an error message   (decode bundle, build index)
//	add(bytes Uint8Array) -> "" or an error message    (decode one part or a parts file)
//	build() -> "" or an error message                  (index what was added; replaces the engine)
//	signal(bytes Uint8Array) -> "" or an error message (the crisis signal's model file, fetched beside the module)
//	search(query string, opts?) -> contract JSON string
//	near(lat, lon number, opts?) -> contract JSON string
//	info() -> {query: dataset version, suggestions: topics, results: national office}
//	labels() -> {topics: {id: {nb, nn, en, ...}}, places: {number: [{name, language}]}}
//	withTopic(id) -> contract JSON: the open contact points that list the topic
//	preset(kind "municipality"|"topic", value) -> the number or id it means, or ""
//
// opts is {municipality, topic, limit}. Every js.Func is created once here:
// a js.FuncOf per call would leak.
package main

import (
	"syscall/js"
)

func main() {
	m := &module{}
	api := m.exports()
	cb := js.Global().Get("__selvhjelpFinder")
	if cb.Type() != js.TypeFunction {
		js.Global().Get("console").Call("error", "selvhjelp-finder: module started without a loader")
		return
	}
	cb.Invoke(api)
	select {} // keep the exported functions alive
}

// exports builds the API object; its functions are the only js.Funcs created.
func (m *module) exports() js.Value {
	api := js.Global().Get("Object").New()
	bytesCall := func(name string, f func([]byte) error) js.Func {
		return js.FuncOf(func(_ js.Value, args []js.Value) any {
			if len(args) < 1 || args[0].Type() != js.TypeObject {
				return name + ": expected a Uint8Array"
			}
			b := make([]byte, args[0].Get("byteLength").Int())
			js.CopyBytesToGo(b, args[0])
			if err := f(b); err != nil {
				return err.Error()
			}
			return ""
		})
	}
	api.Set("load", bytesCall("load", m.load))
	api.Set("add", bytesCall("add", m.add))
	api.Set("signal", bytesCall("signal", m.useSignals))
	api.Set("build", js.FuncOf(func(js.Value, []js.Value) any {
		if err := m.build(); err != nil {
			return err.Error()
		}
		return ""
	}))
	api.Set("search", js.FuncOf(func(_ js.Value, args []js.Value) any {
		q := ""
		if len(args) > 0 && args[0].Type() == js.TypeString {
			q = args[0].String()
		}
		return m.search(q, options(args, 1))
	}))
	api.Set("near", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 2 || args[0].Type() != js.TypeNumber || args[1].Type() != js.TypeNumber {
			return m.errorJSON("near: expected lat, lon numbers")
		}
		return m.near(args[0].Float(), args[1].Float(), options(args, 2))
	}))
	api.Set("info", js.FuncOf(func(js.Value, []js.Value) any { return m.infoJSON() }))
	api.Set("labels", js.FuncOf(func(js.Value, []js.Value) any { return m.labelsOut() }))
	api.Set("withTopic", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 1 || args[0].Type() != js.TypeString {
			return m.errorJSON("withTopic: expected a topic id")
		}
		return m.withTopic(args[0].String())
	}))
	api.Set("preset", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 2 || args[0].Type() != js.TypeString || args[1].Type() != js.TypeString {
			return ""
		}
		return m.preset(args[0].String(), args[1].String())
	}))
	return api
}

// options reads {municipality, topic, limit} from args[i] when present.
func options(args []js.Value, i int) opts {
	var o opts
	if len(args) <= i || args[i].Type() != js.TypeObject {
		return o
	}
	v := args[i]
	if s := v.Get("municipality"); s.Type() == js.TypeString {
		o.Municipality = s.String()
	}
	if s := v.Get("topic"); s.Type() == js.TypeString {
		o.Topic = s.String()
	}
	if n := v.Get("limit"); n.Type() == js.TypeNumber {
		o.Limit = n.Int()
	}
	return o
}
