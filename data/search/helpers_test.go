package search

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
)

// The real dataset is read once per test binary: every test uses it
// read-only, as the engine does.
var realData = sync.OnceValues(func() (*dataset.Dataset, error) { return store.LoadFS(data.FS) })

func realEngine(tb testing.TB) *Engine {
	tb.Helper()
	d, err := realData()
	require.NoError(tb, err)
	e, err := New(d)
	require.NoError(tb, err)
	return e
}

var sharedEngine = sync.OnceValues(func() (*Engine, error) {
	d, err := realData()
	if err != nil {
		return nil, err
	}
	return New(d)
})

// engine returns one engine shared by the tests (it is safe for concurrent
// use).
func engine(tb testing.TB) *Engine {
	tb.Helper()
	e, err := sharedEngine()
	require.NoError(tb, err)
	return e
}

var rulesEngine = sync.OnceValues(func() (*Engine, error) {
	d, err := realData()
	if err != nil {
		return nil, err
	}
	e, err := New(d)
	if err == nil {
		e.UseSignals(nil)
	}
	return e, err
})

// rules returns an engine that reads by the lexicon's rules alone, without
// the signals: for the tests of what a rule holds for and what it must
// not.
func rules(tb testing.TB) *Engine {
	tb.Helper()
	e, err := rulesEngine()
	require.NoError(tb, err)
	return e
}
