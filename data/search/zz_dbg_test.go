package search

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	q := os.Getenv("ZZQ")
	if q == "" {
		t.Skip()
	}
	e := realEngine(t)
	for _, qq := range strings.Split(q, "|||") {
		res := e.Search(qq, Options{})
		s := e.getScratch()
		var r reading
		e.words(s, qq, false, &r)
		var b strings.Builder
		for i, tk := range s.toks {
			fmt.Fprintf(&b, "%s[%d%s%s%s] ", s.word(i), tk.role, flag(tk.stop, "S"), flag(tk.common, "C"), flag(tk.person, "P"))
		}
		pl := "-"
		if res.Place != nil {
			pl = res.Place.Name
		}
		fmt.Println(qq, "\n  =>", pl, "\n  ", b.String())
	}
}

func flag(b bool, s string) string {
	if b {
		return s
	}
	return ""
}

func TestZZCrisis(t *testing.T) {
	q := os.Getenv("ZZC")
	if q == "" {
		t.Skip()
	}
	e := realEngine(t)
	for _, qq := range strings.Split(q, "|||") {
		s := e.getScratch()
		e.tokenize(s, qq, false)
		s.lang = e.foreignLanguage(s)
		e.markNumbers(s)
		e.markPlainWords(s, qq)
		e.markNames(s)
		e.markForeign(s)
		e.markEnglishI(s)
		rc := e.lex.markCrisis(s.fold, s.toks, false)
		cued, told, violent := e.lex.markCrisisCues(s)
		sub := e.lex.subjectOfWork(s)
		past := e.lex.longPast(s)
		sig := e.signalled(s)
		fmt.Printf("%s\n  stem/phrase=%v cued=%v told=%v violent=%v subject=%v past=%v signal=%v\n", qq, rc, cued, told, violent, sub, past, sig)
	}
}

func TestZZMatches(t *testing.T) {
	q := os.Getenv("ZZM")
	if q == "" {
		t.Skip()
	}
	e := realEngine(t)
	s := e.getScratch()
	r := reading{place: -1, placeSpan: -1, pc: -1, pcToken: -1, countyPick: -1}
	e.words(s, q, endsOpen(q), &r)
	e.spans(s, q, 8)
	e.choose(s, &r)
	for _, m := range s.ms {
		sp := s.spans[m.span]
		en := e.entries[m.entry]
		if !isTopicKind(en.kind) {
			continue
		}
		fmt.Printf("span %q [%d-%d] -> %q how=%d q=%d\n", sp.key, sp.i, sp.j, en.label, m.how, m.q)
	}
	fmt.Println("topics:", r.topics)
}
