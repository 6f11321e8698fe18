package main

// Placeholders until the search engine lands (issue 3); replaced by search.go and coverage.go.

func runSearch(e env, args []string) int   { return notYet(e, "search") }
func runCoverage(e env, args []string) int { return notYet(e, "coverage") }
