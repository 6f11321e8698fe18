package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
)

// newFlags makes a flag set that reports to the command's stderr and never
// exits the process.
func newFlags(e env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "bruk: finder %s %s\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags anywhere among the arguments ("import-csv FILE --data
// DIR" as well as "import-csv --data DIR FILE") and returns the rest.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// writeJSON prints v as indented JSON for scripts.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
