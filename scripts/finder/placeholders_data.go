package main

import "fmt"

// Placeholders until the dataset commands land (issue 2).

func runValidate(e env, args []string) int  { return notYet(e, "validate") }
func runStale(e env, args []string) int     { return notYet(e, "stale") }
func runImportCSV(e env, args []string) int { return notYet(e, "import-csv") }
func runExportCSV(e env, args []string) int { return notYet(e, "export-csv") }
func runDiff(e env, args []string) int      { return notYet(e, "diff") }

func notYet(e env, name string) int {
	fmt.Fprintf(e.stderr, "finder %s: not implemented yet\n", name)
	return 1
}
