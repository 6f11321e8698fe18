package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/selvhjelp/finder/data/diff"
	"github.com/selvhjelp/finder/data/validate"
)

// Publishing limits: the bundle is well under a few MB; a slow or huge
// answer is not a finder worker.
const (
	publishTimeout   = 30 * time.Second
	maxPublishedSize = 32 << 20
	defaultDeployCmd = "make deploy"
	publishedPath    = "/v1/dataset.json"
	// deployedFolder is the folder `make deploy` builds, relative to the
	// repository: a real deploy validates and diffs exactly this one.
	deployedFolder = "data"
	// commitEnv tells `make deploy` which commit publish checked; the
	// Makefile refuses to deploy another (or a dirty tree).
	commitEnv = "FINDER_PUBLISH_COMMIT"
	// wranglerOutputEnv makes wrangler write its results as JSON lines
	// (wrangler >= 3.81), among them the version id it deployed.
	wranglerOutputEnv = "WRANGLER_OUTPUT_FILE_PATH"
	// maxDirtyShown is how many changed files a refusal lists.
	maxDirtyShown = 10
)

// publishOptions are publish's flags.
type publishOptions struct {
	dir, url, deployCmd   string
	dry, yes, allowRemove bool
}

// errRefused means publish said why on stderr and deployed nothing.
var errRefused = errors.New("refused")

func runPublish(e env, args []string) int {
	o, code := publishFlags(e, args)
	if code != 0 {
		return code
	}
	if err := publish(e, o); err != nil {
		if !errors.Is(err, errRefused) {
			fmt.Fprintln(e.stderr, "finder publish:", err)
		}
		return 1
	}
	return 0
}

func publishFlags(e env, args []string) (publishOptions, int) {
	var o publishOptions
	fs := newFlags(e, "publish", "[--url URL] [--dry-run] [--yes] [--allow-removals] [--data DIR] [--deploy-cmd KOMMANDO]")
	fs.StringVar(&o.dir, "data", deployedFolder, "mappen med datasettet; en ekte publisering tar bare data/ i en ren git-mappe (det make deploy bygger)")
	fs.StringVar(&o.url, "url", os.Getenv("FINDER_URL"), "adressen til workeren som er publisert nå (eller FINDER_URL)")
	fs.BoolVar(&o.dry, "dry-run", false, "vis hva som endres, men publiser ikke")
	fs.BoolVar(&o.yes, "yes", false, "ikke spør før publisering (for skript)")
	fs.BoolVar(&o.allowRemove, "allow-removals", false, fmt.Sprintf("publiser selv om mer enn %d %% av kontaktpunktene forsvinner eller færre enn %d blir igjen", validate.MaxRemovedPercent, validate.MinContactPoints))
	fs.StringVar(&o.deployCmd, "deploy-cmd", defaultDeployCmd, "kommandoen som publiserer (kjøres med sh -c i git-mappen)")
	rest, err := parse(fs, args)
	if err != nil {
		return o, 2
	}
	if len(rest) > 0 {
		fs.Usage()
		return o, 2
	}
	if o.url == "" {
		fmt.Fprintln(e.stderr, "finder publish: oppgi --url (eller FINDER_URL) til workeren som er publisert nå, så du ser hva som endres")
		return o, 2
	}
	return o, 0
}

// publish runs the steps in order; each refuses with its reason.
func publish(e env, o publishOptions) error {
	var repo gitState
	if !o.dry {
		var err error
		if repo, err = checkRepository(e, o.dir); err != nil {
			return err
		}
	}
	if err := validateForPublish(e, o.dir); err != nil {
		return err
	}
	changes, err := changesAgainstPublished(e, o)
	if err != nil {
		return err
	}
	switch {
	case o.dry:
		fmt.Fprintln(e.stdout, "Tørrkjøring: ingenting er publisert.")
		return nil
	case len(changes) == 0:
		fmt.Fprintln(e.stdout, "Ingenting å publisere.")
		return nil
	}
	if err := confirm(e, o, repo, changes); err != nil {
		return err
	}
	return deploy(e, o, repo)
}

// validateForPublish prints every problem, warnings included, and refuses
// a dataset with errors.
func validateForPublish(e env, dir string) error {
	ps := validate.DirAt(dir, e.now())
	for _, p := range ps {
		fmt.Fprintln(e.stdout, p)
	}
	if n := validate.Errors(ps); n > 0 {
		fmt.Fprintf(e.stderr, "finder publish: datasettet har %d feil; ingenting er publisert.\n", n)
		return errRefused
	}
	fmt.Fprintf(e.stdout, "Datasettet i %s er i orden: 0 feil, %d advarsler.\n", dir, len(ps))
	return nil
}

// changesAgainstPublished prints what changes against the running worker
// and refuses when more contact points would go than the floor allows.
func changesAgainstPublished(e env, o publishOptions) ([]recordChange, error) {
	published, err := fetchPublished(o.url)
	if err != nil {
		return nil, err
	}
	changes, err := diffBundleDir(published, o.dir)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(e.stdout, "Endringer mot %s:\n", o.url)
	printChanges(e.stdout, changes)
	before, err := diff.ContactPoints(published)
	if err != nil {
		return nil, err
	}
	return changes, checkFloor(e, o, before, changes)
}

// checkFloor refuses, unless --allow-removals, a publish that removes more
// contact points than validate.CheckRemovals allows.
func checkFloor(e env, o publishOptions, before int, changes []recordChange) error {
	msg := diff.Floor(before, changes)
	switch {
	case msg == "":
		return nil
	case o.allowRemove:
		fmt.Fprintf(e.stdout, "Advarsel: %s; godtatt med --allow-removals.\n", msg)
		return nil
	}
	fmt.Fprintf(e.stderr, "finder publish: %s. Mangler det poster (avkortet fil, filtrert regneark)? Er det meningen, kjør igjen med --allow-removals. Ingenting er publisert.\n", msg)
	return errRefused
}

// confirmWords are the answers that publish; anything else (or nothing) does not.
var confirmWords = map[string]bool{"ja": true, "j": true, "yes": true, "y": true}

// confirm asks on stdin before anything is deployed, unless --yes.
func confirm(e env, o publishOptions, repo gitState, changes []recordChange) error {
	if o.yes {
		return nil
	}
	fmt.Fprintf(e.stdout, "Publisere %d endrede poster (%d trenger ny gjennomgang) fra commit %s til %s? Skriv «ja»: ",
		len(changes), reviewCount(changes), repo.short(), o.url)
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("les svaret: %w", err)
	}
	if !confirmWords[strings.ToLower(strings.TrimSpace(line))] {
		fmt.Fprintln(e.stderr, "finder publish: ikke bekreftet (svar «ja», eller bruk --yes i skript); ingenting er publisert.")
		return errRefused
	}
	return nil
}

// deploy runs the deploy command in the repository for the checked commit
// and reports the commit and the wrangler version id it deployed.
func deploy(e env, o publishOptions, repo gitState) error {
	outFile, err := os.CreateTemp("", "finder-wrangler-output-*.json")
	if err != nil {
		return fmt.Errorf("temporary file for wrangler's output: %w", err)
	}
	outFile.Close()
	defer os.Remove(outFile.Name())
	fmt.Fprintf(e.stdout, "Publiserer commit %s med «%s» …\n", repo.short(), o.deployCmd)
	var captured bytes.Buffer
	cmd := exec.Command("sh", "-c", o.deployCmd)
	cmd.Dir = repo.top
	cmd.Env = append(os.Environ(), commitEnv+"="+repo.commit, wranglerOutputEnv+"="+outFile.Name())
	cmd.Stdout, cmd.Stderr = io.MultiWriter(e.stdout, &captured), e.stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("«%s»: %w; den publiserte versjonen er uendret hvis publiseringen ikke kom i gang", o.deployCmd, err)
	}
	version := wranglerVersion(outFile.Name(), captured.String())
	if version == "" {
		fmt.Fprintf(e.stdout, "Publisert commit %s. Fant ingen wrangler-versjon i utskriften: se «cd worker && npx wrangler deployments list».\n", repo.commit)
		return nil
	}
	fmt.Fprintf(e.stdout, "Publisert commit %s som wrangler-versjon %s.\n", repo.commit, version)
	fmt.Fprintln(e.stdout, "Angre: se «Tilbake til forrige datasett» i data/README.md (cd worker && npx wrangler rollback VERSJON).")
	return nil
}

// versionLine is how wrangler deploy prints the version it deployed.
var versionLine = regexp.MustCompile(`Current Version ID:\s*([0-9A-Za-z-]+)`)

// wranglerVersion finds the deployed version id: in wrangler's JSON-lines
// output file (an entry {"type":"deploy","version_id":…}), else in its
// printed "Current Version ID: …" line.
func wranglerVersion(outputFile, printed string) string {
	if b, err := os.ReadFile(outputFile); err == nil {
		for _, line := range bytes.Split(b, []byte("\n")) {
			var entry struct {
				Type      string `json:"type"`
				VersionID string `json:"version_id"`
			}
			if json.Unmarshal(line, &entry) == nil && entry.Type == "deploy" && entry.VersionID != "" {
				return entry.VersionID
			}
		}
	}
	if m := versionLine.FindStringSubmatch(printed); m != nil {
		return m[1]
	}
	return ""
}

// gitState is the repository a real deploy comes from.
type gitState struct {
	top    string // the work tree's root
	commit string // HEAD
}

func (g gitState) short() string {
	const shortHash = 12
	if len(g.commit) > shortHash {
		return g.commit[:shortHash]
	}
	return g.commit
}

// checkRepository refuses a real deploy of anything but the committed
// data/ of a clean work tree: what is validated and diffed must be what
// `make deploy` builds.
func checkRepository(e env, dir string) (gitState, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return gitState{}, fmt.Errorf("--data %s: %w", dir, err)
	}
	top, err := git(abs, "rev-parse", "--show-toplevel")
	if err != nil {
		fmt.Fprintf(e.stderr, "finder publish: %s ligger ikke i en git-mappe (%v); en ekte publisering tar data/ fra en commit. Bruk --dry-run for å se på en annen mappe.\n", dir, err)
		return gitState{}, errRefused
	}
	if !sameFolder(abs, filepath.Join(top, deployedFolder)) {
		fmt.Fprintf(e.stderr, "finder publish: --data %s er ikke %s, mappen «make deploy» bygger; en ekte publisering validerer, sammenligner og publiserer den samme mappen. Bruk --dry-run for å se på en annen.\n", dir, filepath.Join(top, deployedFolder))
		return gitState{}, errRefused
	}
	if err := checkClean(e, top); err != nil {
		return gitState{}, err
	}
	commit, err := git(top, "rev-parse", "HEAD")
	if err != nil {
		return gitState{}, fmt.Errorf("git rev-parse HEAD: %w", err)
	}
	return gitState{top: top, commit: commit}, nil
}

// checkClean refuses a work tree with uncommitted or untracked changes:
// the deploy must be a commit that can be named and rolled back to.
func checkClean(e env, top string) error {
	status, err := git(top, "status", "--porcelain", "--untracked-files=normal")
	if err != nil {
		return fmt.Errorf("git status: %w", err)
	}
	if status == "" {
		return nil
	}
	lines := strings.Split(status, "\n")
	fmt.Fprintf(e.stderr, "finder publish: git-mappen %s har %d endringer som ikke er committet; commit (eller fjern) dem først, så publiseringen er en commit du kan navngi og gå tilbake til:\n", top, len(lines))
	for i, l := range lines {
		if i == maxDirtyShown {
			fmt.Fprintf(e.stderr, "  … og %d til\n", len(lines)-maxDirtyShown)
			break
		}
		fmt.Fprintln(e.stderr, "  "+l)
	}
	return errRefused
}

// sameFolder reports whether two paths name the same folder (symbolic
// links resolved).
func sameFolder(a, b string) bool {
	ra, errA := filepath.EvalSymlinks(a)
	rb, errB := filepath.EvalSymlinks(b)
	if errA != nil || errB != nil {
		return filepath.Clean(a) == filepath.Clean(b)
	}
	return ra == rb
}

// git runs a git command in dir and returns its trimmed output.
func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
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
