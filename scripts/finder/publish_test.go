package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/store"
)

// testVersionID is the version id the fake deploy reports, as wrangler does.
const testVersionID = "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"

// publishRepo is a git repository whose data/ is the fixture, committed:
// what a real publish deploys from. It returns the repository's root.
func publishRepo(t *testing.T) string {
	t.Helper()
	top := t.TempDir()
	data := filepath.Join(top, deployedFolder)
	require.NoError(t, os.Mkdir(data, 0o755))
	for _, f := range append(append([]string{}, store.Files...), store.ManifestFile) {
		b, err := os.ReadFile(filepath.Join(fixture, f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(data, f), b, 0o644))
	}
	runGit(t, top, "init", "-q")
	commitAll(t, top, "fixture")
	return top
}

func runGit(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=Test", "-c", "user.email=test@example.no", "-c", "commit.gpgsign=false"}, args...)...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
	return strings.TrimSpace(string(out))
}

func commitAll(t *testing.T, top, msg string) string {
	t.Helper()
	runGit(t, top, "add", "-A")
	runGit(t, top, "commit", "-q", "-m", msg)
	return runGit(t, top, "rev-parse", "HEAD")
}

// fakeDeploy is a deploy command that records the commit it was asked to
// deploy in marker and reports a version as wrangler does: in its JSON-lines
// output file, or (printed) on stdout.
func fakeDeploy(marker string, printed bool) string {
	report := `printf '{"type":"deploy","version":1,"version_id":"` + testVersionID + `"}\n' > "$WRANGLER_OUTPUT_FILE_PATH"`
	if printed {
		report = "echo 'Current Version ID: " + testVersionID + "'"
	}
	return `echo "$FINDER_PUBLISH_COMMIT" > ` + marker + ` && ` + report
}

// verifyAndCommit changes one record (a confirmation) and commits it.
func verifyAndCommit(t *testing.T, top string) string {
	t.Helper()
	code, _, stderr := runCmd(t, "", "verify", "link-oslo", "--source", "https://linkoslo.no", "--date", "2026-11-20", "--data", filepath.Join(top, deployedFolder))
	require.Equal(t, 0, code, stderr)
	return commitAll(t, top, "verify link-oslo")
}

func TestPublish(t *testing.T) {
	srv := servePublished(t, copyData(t))
	top := publishRepo(t)
	data := filepath.Join(top, deployedFolder)
	marker := filepath.Join(t.TempDir(), "deployed")

	// Nothing changed: nothing to deploy. Warnings are printed.
	code, out, stderr := runCmd(t, "", "publish", "--url", srv.URL, "--data", data, "--deploy-cmd", fakeDeploy(marker, false))
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "contact_points.json: link-tromso: last_verified: advarsel: aldri verifisert")
	assert.Contains(t, out, "Ingen endringer.")
	assert.Contains(t, out, "Ingenting å publisere.")
	assert.NoFileExists(t, marker)

	commit := verifyAndCommit(t, top)
	// The dry run says what changes and deploys nothing.
	code, out, stderr = runCmd(t, "", "publish", "--url", srv.URL, "--data", data, "--dry-run", "--deploy-cmd", fakeDeploy(marker, false))
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "last_verified: «2020-12-18» → «2026-11-20»")
	assert.Contains(t, out, "Tørrkjøring")
	assert.NoFileExists(t, marker)

	// Confirmed on stdin: deploys that commit and names it and the version.
	code, out, stderr = runCmd(t, "ja\n", "publish", "--url", srv.URL, "--data", data, "--deploy-cmd", fakeDeploy(marker, false))
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "fra commit "+commit[:12]+" til "+srv.URL+"? Skriv «ja»: ")
	assert.Contains(t, out, "Publisert commit "+commit+" som wrangler-versjon "+testVersionID+".")
	deployed, err := os.ReadFile(marker)
	require.NoError(t, err)
	assert.Equal(t, commit+"\n", string(deployed), "the deploy command is told the commit publish checked")

	// --yes for scripts; the version read from wrangler's printed line.
	require.NoError(t, os.Remove(marker))
	code, out, stderr = runCmd(t, "", "publish", "--yes", "--url", srv.URL, "--data", data, "--deploy-cmd", fakeDeploy(marker, true))
	require.Equal(t, 0, code, stderr)
	assert.NotContains(t, out, "Skriv «ja»")
	assert.Contains(t, out, "som wrangler-versjon "+testVersionID+".")
	assert.FileExists(t, marker)
}

// Each refusal names its reason and deploys nothing.
func TestPublishRefuses(t *testing.T) {
	srv := servePublished(t, copyData(t))
	tests := []struct {
		name    string
		prepare func(t *testing.T, top string) (data string) // the --data to publish
		stdin   string
		flags   []string
		deploy  string // deploy command; "" = the fake one
		want    string // part of stderr
	}{
		{"a folder outside git", func(t *testing.T, top string) string { return copyData(t) }, "ja\n", nil, "",
			"ligger ikke i en git-mappe"},
		{"another folder than data/", func(t *testing.T, top string) string {
			other := filepath.Join(top, "kopi")
			require.NoError(t, os.CopyFS(other, os.DirFS(filepath.Join(top, deployedFolder))))
			verifyIn(t, other)
			commitAll(t, top, "a copy")
			return other
		}, "ja\n", nil, "", "er ikke " + "%TOP%/data, mappen «make deploy» bygger"},
		{"a change not committed", func(t *testing.T, top string) string {
			verifyIn(t, filepath.Join(top, deployedFolder))
			return filepath.Join(top, deployedFolder)
		}, "ja\n", nil, "", "har 1 endringer som ikke er committet"},
		{"an untracked file", func(t *testing.T, top string) string {
			verifyAndCommit(t, top)
			require.NoError(t, os.WriteFile(filepath.Join(top, "notat.txt"), []byte("x"), 0o644))
			return filepath.Join(top, deployedFolder)
		}, "ja\n", nil, "", "?? notat.txt"},
		{"no confirmation", func(t *testing.T, top string) string {
			verifyAndCommit(t, top)
			return filepath.Join(top, deployedFolder)
		}, "", nil, "", "ikke bekreftet"},
		{"confirmation refused", func(t *testing.T, top string) string {
			verifyAndCommit(t, top)
			return filepath.Join(top, deployedFolder)
		}, "nei\n", nil, "", "ikke bekreftet"},
		{"a validation error", func(t *testing.T, top string) string {
			replaceIn(t, filepath.Join(top, deployedFolder, dataset.ContactPointsFile), `"phone": "23 33 19 00"`, `"phone": "820 12 345"`)
			commitAll(t, top, "premium-rate number")
			return filepath.Join(top, deployedFolder)
		}, "ja\n", nil, "", "datasettet har 1 feil"},
		{"more removals than the floor", func(t *testing.T, top string) string {
			removeContactPoints(t, top, 1)
			return filepath.Join(top, deployedFolder)
		}, "ja\n", nil, "", "1 av 6 kontaktpunkter (16 %) ville forsvinne"},
		{"the list emptied", func(t *testing.T, top string) string {
			removeContactPoints(t, top, 6)
			return filepath.Join(top, deployedFolder)
		}, "ja\n", []string{"--allow-removals"}, "", "datasettet har 2 feil"},
		{"a failed deploy", func(t *testing.T, top string) string {
			verifyAndCommit(t, top)
			return filepath.Join(top, deployedFolder)
		}, "ja\n", nil, "exit 3", "«exit 3»: exit status 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			top := publishRepo(t)
			data := tt.prepare(t, top)
			marker := filepath.Join(t.TempDir(), "deployed")
			deploy := tt.deploy
			if deploy == "" {
				deploy = fakeDeploy(marker, false)
			}
			args := append([]string{"publish", "--url", srv.URL, "--data", data, "--deploy-cmd", deploy}, tt.flags...)
			code, out, stderr := runCmd(t, tt.stdin, args...)
			assert.Equal(t, 1, code, out)
			want := strings.ReplaceAll(tt.want, "%TOP%", top)
			assert.Contains(t, stderr, want)
			if tt.name == "the list emptied" {
				assert.Contains(t, out, "contact_points.json: ingen kontaktpunkter", "--allow-removals never lets an empty list through")
			}
			if tt.deploy == "" {
				assert.NoFileExists(t, marker)
			}
		})
	}
}

// A dry run may look at any folder and never needs git or a confirmation;
// --allow-removals passes the floor for a removal made on purpose (the
// manifest's count lowered in the same commit).
func TestPublishAllows(t *testing.T) {
	srv := servePublished(t, copyData(t))
	marker := filepath.Join(t.TempDir(), "deployed")

	code, out, stderr := runCmd(t, "", "publish", "--dry-run", "--url", srv.URL, "--data", copyData(t))
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "Tørrkjøring")

	top := publishRepo(t)
	removeContactPoints(t, top, 1)
	args := []string{"publish", "--url", srv.URL, "--data", filepath.Join(top, deployedFolder), "--deploy-cmd", fakeDeploy(marker, false), "--allow-removals"}
	code, out, stderr = runCmd(t, "ja\n", args...)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "Advarsel: 1 av 6 kontaktpunkter (16 %) ville forsvinne; høyst 10 % om gangen; godtatt med --allow-removals.")
	assert.FileExists(t, marker)
}

// verifyIn records a confirmation in the dataset folder dir.
func verifyIn(t *testing.T, dir string) {
	t.Helper()
	code, _, stderr := runCmd(t, "", "verify", "link-oslo", "--source", "https://linkoslo.no", "--date", "2026-11-20", "--data", dir)
	require.Equal(t, 0, code, stderr)
}

// removeContactPoints removes the last n contact points of top's data/ on
// purpose: the manifest's count is lowered with them, and both committed.
func removeContactPoints(t *testing.T, top string, n int) {
	t.Helper()
	dir := filepath.Join(top, deployedFolder)
	d, err := store.LoadDir(dir)
	require.NoError(t, err)
	d.ContactPoints = d.ContactPoints[:len(d.ContactPoints)-n]
	require.NoError(t, store.WriteFiles(d, dir, []string{dataset.ContactPointsFile}))
	replaceIn(t, filepath.Join(dir, store.ManifestFile), `"contact_points": 6,`, `"contact_points": `+strconv.Itoa(6-n)+`,`)
	commitAll(t, top, "remove contact points")
}

// make deploy runs only for the commit finder publish checked.
func TestMakeDeployNeedsPublish(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make not installed")
	}
	for _, tt := range []struct {
		name, commit, want string
	}{
		{"not through publish", "", "make deploy: run make publish"},
		{"another commit", "0000000000000000000000000000000000000000", "is not the commit finder publish checked"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command("make", "-s", "-C", "../..", "deploy-guard")
			cmd.Env = append(os.Environ(), commitEnv+"="+tt.commit)
			out, err := cmd.CombinedOutput()
			assert.Error(t, err)
			assert.Contains(t, string(out), tt.want)
		})
	}
}
