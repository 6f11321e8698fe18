//go:build js

package search

// scratchPool keeps the scratch memory of finished searches. Under
// GOOS=js (the browser module and the worker) Go runs on one thread and a
// search never yields, so a plain free list is enough; sync.Pool would add
// 2 KB brotli to the browser module.
type scratchPool struct{ free []*scratch }

func (p *scratchPool) get() *scratch {
	n := len(p.free)
	if n == 0 {
		return nil
	}
	s := p.free[n-1]
	p.free = p.free[:n-1]
	return s
}

func (p *scratchPool) put(s *scratch) { p.free = append(p.free, s) }
