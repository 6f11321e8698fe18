package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/selvhjelp/finder/data/validate"
)

// Publishing limits: the bundle is well under a few MB; a slow or huge
// answer is not a finder worker.
const (
	publishTimeout   = 30 * time.Second
	maxPublishedSize = 32 << 20
	defaultDeployCmd = "make deploy"
	publishedPath    = "/v1/dataset.json"
)

func runPublish(e env, args []string) int {
	fs := newFlags(e, "publish", "[--url URL] [--dry-run] [--data DIR] [--deploy-cmd KOMMANDO]")
	dir := fs.String("data", "data", "mappen med datasettet")
	url := fs.String("url", os.Getenv("FINDER_URL"), "adressen til workeren som er publisert nå (eller FINDER_URL)")
	dry := fs.Bool("dry-run", false, "vis hva som endres, men publiser ikke")
	deployCmd := fs.String("deploy-cmd", defaultDeployCmd, "kommandoen som publiserer (kjøres med sh -c)")
	rest, err := parse(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fs.Usage()
		return 2
	}
	if probs := errorsOnly(validate.DirAt(*dir, e.now())); len(probs) > 0 {
		for _, p := range probs {
			fmt.Fprintln(e.stdout, p)
		}
		fmt.Fprintf(e.stderr, "finder publish: datasettet har %d feil; ingenting er publisert.\n", len(probs))
		return 1
	}
	fmt.Fprintf(e.stdout, "Datasettet i %s er i orden.\n", *dir)
	if *url == "" {
		fmt.Fprintln(e.stderr, "finder publish: oppgi --url (eller FINDER_URL) til workeren som er publisert nå, så du ser hva som endres")
		return 2
	}
	published, err := fetchPublished(*url)
	if err != nil {
		fmt.Fprintln(e.stderr, "finder publish:", err)
		return 1
	}
	changes, err := diffBundleDir(published, *dir)
	if err != nil {
		fmt.Fprintln(e.stderr, "finder publish:", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "Endringer mot %s:\n", *url)
	printChanges(e.stdout, changes)
	switch {
	case *dry:
		fmt.Fprintln(e.stdout, "Tørrkjøring: ingenting er publisert.")
		return 0
	case len(changes) == 0:
		fmt.Fprintln(e.stdout, "Ingenting å publisere.")
		return 0
	}
	fmt.Fprintf(e.stdout, "Publiserer med «%s» …\n", *deployCmd)
	cmd := exec.Command("sh", "-c", *deployCmd)
	cmd.Stdout, cmd.Stderr = e.stdout, e.stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(e.stderr, "finder publish: «%s»: %v; den publiserte versjonen er uendret hvis publiseringen ikke kom i gang\n", *deployCmd, err)
		return 1
	}
	fmt.Fprintln(e.stdout, "Publisert. Angre: se «Tilbake til forrige datasett» i data/README.md.")
	return 0
}

// fetchPublished gets the bundle a running worker serves now.
func fetchPublished(base string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), publishTimeout)
	defer cancel()
	u := strings.TrimSuffix(base, "/") + publishedPath
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("kan ikke hente det publiserte datasettet: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s svarte %s", u, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxPublishedSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	if len(b) > maxPublishedSize {
		return nil, fmt.Errorf("%s: svaret er større enn %d MB", u, maxPublishedSize>>20)
	}
	return b, nil
}
