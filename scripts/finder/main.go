// Command finder is the maintainers' tool for the self-help contact-point
// dataset: validate it, find stale records, round-trip it through a
// spreadsheet, see what a change does, and search it exactly as the widget does.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"time"
)

// env is what a command may touch; tests pass their own.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time // today, for "stale" and dates in the future
}

// command is one subcommand: it returns the process exit code.
type command struct {
	summary string
	run     func(e env, args []string) int
}

func commands() map[string]command {
	return map[string]command{
		"validate":    {"check the dataset; print every problem", runValidate},
		"stale":       {"list contact points not verified within N months", runStale},
		"import-csv":  {"import contact points from a spreadsheet (CSV)", runImportCSV},
		"export-csv":  {"export contact points as a spreadsheet (CSV)", runExportCSV},
		"diff":        {"describe what changes between two dataset folders", runDiff},
		"verify":      {"record that a contact point was confirmed (date, source)", runVerify},
		"publish":     {"validate, show what changes against a running worker, deploy", runPublish},
		"search":      {"search as the widget does; JSON Lines from stdin without a query", runSearch},
		"coverage":    {"distance from every municipality to the nearest active contact point", runCoverage},
		"export-hsds": {"write the contact points as HSDS 3 JSON and a DCAT-AP-NO description into DIR", runExportHSDS},
		"lexicon":     {"the language of reading: list what awaits review, export, import", runLexicon},
	}
}

func main() {
	os.Exit(run(env{os.Stdin, os.Stdout, os.Stderr, time.Now}, os.Args[1:]))
}

func run(e env, args []string) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr, cmds)
		return 2
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "finder: unknown command %q\n", args[0])
		usage(e.stderr, cmds)
		return 2
	}
	return c.run(e, args[1:])
}

func usage(w io.Writer, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "usage: finder <command> [flags] [args]")
	for _, n := range names {
		fmt.Fprintf(w, "  %-11s %s\n", n, cmds[n].summary)
	}
}
