//go:build !js

package search

import "sync"

// scratchPool keeps the scratch memory of finished searches for searches
// on other goroutines.
type scratchPool struct{ p sync.Pool }

func (p *scratchPool) get() *scratch {
	s, _ := p.p.Get().(*scratch)
	return s
}

func (p *scratchPool) put(s *scratch) { p.p.Put(s) }
