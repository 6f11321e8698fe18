package search_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/search"
	"github.com/selvhjelp/finder/data/search/signal"
	"github.com/selvhjelp/finder/data/store"
)

func TestSNoTopics(t *testing.T) {
	dir := os.Getenv("SSET")
	if dir == "" {
		t.Skip()
	}
	d, err := store.LoadFS(data.FS)
	require.NoError(t, err)
	e, err := search.New(d)
	require.NoError(t, err)
	b, _ := search.Signals()
	cases := loadSet(t, dir, func(string) bool { return true })
	with := map[string]bool{}
	for _, c := range cases {
		r, _ := searchSafely(t, e, c.query)
		with[c.query] = judge(c, r).hit()
	}
	e.UseSignals(signal.Bundle{{Name: signal.CrisisName, Model: b.Model(signal.CrisisName)}})
	n := 0
	for _, c := range cases {
		r, _ := searchSafely(t, e, c.query)
		v := judge(c, r)
		if v.hit() {
			n++
		}
		if v.hit() != with[c.query] {
			t.Logf("DIFF without-topics hit=%v %s", v.hit(), v)
		}
	}
	t.Logf("without topic signals: %d/%d", n, len(cases))
}
