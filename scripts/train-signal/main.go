// Command train-signal trains the crisis signal and the topics' signals from
// the labelled query sets and writes the signals file, which native builds of the engine embed and the
// browser module fetches beside it (go generate ./data/search). The shape and
// threshold are in data/search/signal/training.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/selvhjelp/finder/data/search/signal/training"
)

func main() {
	sets := flag.String("sets", "testdata", "the folder holding realistic/ and firstcontact/")
	out := flag.String("out", "signals.bin", "the signals file to write")
	flag.Parse()
	if err := run(*sets, *out); err != nil {
		fmt.Fprintln(os.Stderr, "train-signal:", err)
		os.Exit(1)
	}
}

func run(sets, out string) error {
	m, n, err := training.TrainAll(sets)
	if err != nil {
		return err
	}
	b := m.Encode()
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return fmt.Errorf("writing the model: %w", err)
	}
	fmt.Printf("train-signal: %d examples → %s (a signals file of %d bytes)\n", n, out, len(b))
	return nil
}
