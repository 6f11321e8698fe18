//go:build !precompiled

// Package compiled is the dataset the worker serves /v1/search from.
//
// worker/build.sh writes dataset_gen.go (tag precompiled, not checked in):
// the bundle as a Go composite literal, laid out as static data, so a new
// worker instance parses no JSON. Without that tag (a fresh clone, go vet,
// go build ./...) this file loads the same data from data.FS instead, so the
// module builds before any script has run.
package compiled

import (
	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
)

// Dataset is the bundle's dataset, Version included; nil when the embedded
// files do not load (the worker then answers 503).
var Dataset = load()

func load() *dataset.Dataset {
	d, err := store.LoadFS(data.FS)
	if err != nil {
		return nil
	}
	b, err := store.Bundle(d)
	if err != nil {
		return nil
	}
	withVersion, err := store.ParseBundle(b)
	if err != nil {
		return nil
	}
	return withVersion
}
