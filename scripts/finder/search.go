package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/selvhjelp/finder/data"
	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/search"
	"github.com/selvhjelp/finder/data/store"
)

// loadDataset reads the dataset from dir, or the embedded one when dir is "".
func loadDataset(dir string) (*dataset.Dataset, error) {
	if dir == "" {
		d, err := store.LoadFS(data.FS)
		if err != nil {
			return nil, fmt.Errorf("the embedded dataset: %w", err)
		}
		return d, nil
	}
	d, err := store.LoadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("the dataset in %s: %w", dir, err)
	}
	return d, nil
}

// runSearch prints the search contract for QUERY, or one JSON object a line
// for each line of standard input when no query is given.
func runSearch(e env, args []string) int {
	fs := newFlags(e, "search", "[--data DIR] [--limit N] [--municipality NR] [--topic ID] [QUERY ...]")
	dir := fs.String("data", "", "mappen med datasettet (standard: datasettet bygd inn i programmet)")
	limit := fs.Int("limit", 0, "høyst så mange forslag og resultater (0: standard)")
	muni := fs.String("municipality", "", "forhåndsvalgt kommune (kommunenummer), brukt når søket ikke nevner et sted")
	topic := fs.String("topic", "", "forhåndsvalgt tema (id), brukt når søket ikke nevner et tema")
	rest, err := parse(fs, args)
	if err != nil {
		return 2
	}
	if *limit < 0 {
		fmt.Fprintln(e.stderr, "finder search: --limit kan ikke være negativ")
		return 2
	}
	d, err := loadDataset(*dir)
	if err != nil {
		fmt.Fprintln(e.stderr, "finder search:", err)
		return 1
	}
	eng, err := search.New(d)
	if err != nil {
		fmt.Fprintln(e.stderr, "finder search: building the index:", err)
		return 1
	}
	opts := search.Options{Limit: *limit, Municipality: *muni, Topic: *topic}
	buf := make([]byte, 0, 64*1024)
	emit := func(q string) error {
		buf = eng.Search(q, opts).AppendJSON(buf[:0])
		buf = append(buf, '\n')
		_, err := e.stdout.Write(buf)
		return err
	}
	if len(rest) > 0 {
		if err := emit(strings.Join(rest, " ")); err != nil {
			fmt.Fprintln(e.stderr, "finder search:", err)
			return 1
		}
		return 0
	}
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		if err := emit(sc.Text()); err != nil {
			fmt.Fprintln(e.stderr, "finder search:", err)
			return 1
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(e.stderr, "finder search: reading standard input:", err)
		return 1
	}
	return 0
}
