package console

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/selvhjelp/finder/data/dataset"
)

// Blobs is the key-value store the published versions live in (Cloudflare
// KV in the worker). Get reports ok=false for a missing key.
type Blobs interface {
	Get(ctx context.Context, key string) (value string, ok bool, err error)
	Put(ctx context.Context, key, value string) error
}

// Keys in Blobs. Files are content-addressed (their name holds their hash)
// and never rewritten; CurrentKey is the one key a publish changes, last.
const (
	CurrentKey    = "current"  // the live version's manifest (JSON Manifest)
	versionPrefix = "version/" // version/<version>: its manifest
	FilePrefix    = "file/"    // file/<name>: a published file, e.g. dataset-core.<hash>.json
)

// Manifest names a published version's files. The public worker reads the
// live one from CurrentKey.
type Manifest struct {
	Version     string `json:"version"`      // the bundle's content hash
	Bundle      string `json:"bundle"`       // file name of /v1/dataset.json's body
	Core        string `json:"core"`         // file name of the widget's dataset-core part
	CoreSRI     string `json:"core_sri"`     // its SHA-384 in SRI form
	PublishedAt string `json:"published_at"` // RFC 3339, UTC
}

// errStale is a save whose If-Match no longer names the stored record.
var errStale = errors.New("the record changed since it was read")

// errNotFound is a record or version that does not exist.
var errNotFound = errors.New("not found")

// stored is one record as the database holds it.
type stored struct {
	Record dataset.ContactPoint
	Body   string
	ETag   string
}

// etagOf is the strong ETag of a record's stored JSON.
func etagOf(body string) string {
	sum := sha256.Sum256([]byte(body))
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}

func encodeRecord(p dataset.ContactPoint) (string, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("encode record %s: %w", p.ID, err)
	}
	return string(b), nil
}

func decodeRecord(body string) (dataset.ContactPoint, error) {
	var p dataset.ContactPoint
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		return p, fmt.Errorf("decode stored record: %w", err)
	}
	return p, nil
}

// db is the console's D1 database (the schema is worker/migrations).
type db struct{ sql *sql.DB }

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// importOnce fills an empty records table with the repository's contact
// points, on the console's first start.
func (d db) importOnce(ctx context.Context, points []dataset.ContactPoint, now time.Time) error {
	var done string
	err := d.sql.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'imported'`).Scan(&done)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read meta: %w", err)
	}
	for _, p := range points {
		body, err := encodeRecord(p)
		if err != nil {
			return err
		}
		if _, err := d.sql.ExecContext(ctx, `INSERT OR IGNORE INTO records (id, body, etag, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)`,
			p.ID, body, etagOf(body), stamp(now), systemUser); err != nil {
			return fmt.Errorf("import %s: %w", p.ID, err)
		}
	}
	if _, err := d.sql.ExecContext(ctx, `INSERT OR IGNORE INTO meta (key, value) VALUES ('imported', ?)`, stamp(now)); err != nil {
		return fmt.Errorf("mark imported: %w", err)
	}
	return d.log(ctx, entry{At: stamp(now), Who: systemUser, Action: "import", Why: fmt.Sprintf("%d kontaktpunkter fra repositoriet", len(points))})
}

func (d db) records(ctx context.Context) ([]stored, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT body, etag FROM records ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list records: %w", err)
	}
	defer rows.Close()
	var out []stored
	for rows.Next() {
		var s stored
		if err := rows.Scan(&s.Body, &s.ETag); err != nil {
			return nil, fmt.Errorf("list records: %w", err)
		}
		if s.Record, err = decodeRecord(s.Body); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func (d db) record(ctx context.Context, id string) (stored, error) {
	var s stored
	err := d.sql.QueryRowContext(ctx, `SELECT body, etag FROM records WHERE id = ?`, id).Scan(&s.Body, &s.ETag)
	if errors.Is(err, sql.ErrNoRows) {
		return s, errNotFound
	}
	if err != nil {
		return s, fmt.Errorf("read record %s: %w", id, err)
	}
	s.Record, err = decodeRecord(s.Body)
	return s, err
}

// save writes p if the stored record still has the ETag ifMatch ("" for a
// new record, which must not exist yet). The condition is in the statement
// itself, so two saves of one version cannot both succeed.
func (d db) save(ctx context.Context, p dataset.ContactPoint, ifMatch, who string, now time.Time) (string, error) {
	body, err := encodeRecord(p)
	if err != nil {
		return "", err
	}
	etag := etagOf(body)
	var res sql.Result
	if ifMatch == "" {
		res, err = d.sql.ExecContext(ctx, `INSERT OR IGNORE INTO records (id, body, etag, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)`,
			p.ID, body, etag, stamp(now), who)
	} else {
		res, err = d.sql.ExecContext(ctx, `UPDATE records SET body = ?, etag = ?, updated_at = ?, updated_by = ? WHERE id = ? AND etag = ?`,
			body, etag, stamp(now), who, p.ID, ifMatch)
	}
	if err != nil {
		return "", fmt.Errorf("save %s: %w", p.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return "", errStale
	}
	return etag, nil
}

// replaceAll makes the records exactly points (a rollback).
func (d db) replaceAll(ctx context.Context, points []dataset.ContactPoint, who string, now time.Time) error {
	if _, err := d.sql.ExecContext(ctx, `DELETE FROM records`); err != nil {
		return fmt.Errorf("clear records: %w", err)
	}
	for _, p := range points {
		body, err := encodeRecord(p)
		if err != nil {
			return err
		}
		if _, err := d.sql.ExecContext(ctx, `INSERT INTO records (id, body, etag, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)`,
			p.ID, body, etagOf(body), stamp(now), who); err != nil {
			return fmt.Errorf("restore %s: %w", p.ID, err)
		}
	}
	return nil
}

// entry is one line of the history.
type entry struct {
	Seq    int64  `json:"seq"`
	At     string `json:"at"`
	Who    string `json:"who"`
	Action string `json:"action"`
	Record string `json:"record,omitempty"`
	Old    string `json:"old,omitempty"`
	New    string `json:"new,omitempty"`
	Why    string `json:"why,omitempty"`
}

func (d db) log(ctx context.Context, e entry) error {
	_, err := d.sql.ExecContext(ctx, `INSERT INTO history (at, who, action, record, old, new, why) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		e.At, e.Who, e.Action, e.Record, e.Old, e.New, e.Why)
	if err != nil {
		return fmt.Errorf("write history: %w", err)
	}
	return nil
}

func (d db) history(ctx context.Context) ([]entry, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT seq, at, who, action, record, old, new, why FROM history ORDER BY seq DESC`)
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	defer rows.Close()
	out := []entry{}
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.Seq, &e.At, &e.Who, &e.Action, &e.Record, &e.Old, &e.New, &e.Why); err != nil {
			return nil, fmt.Errorf("read history: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// version is one published version.
type version struct {
	Version     string `json:"version"`
	PublishedAt string `json:"published_at"`
	PublishedBy string `json:"published_by"`
	Summary     string `json:"summary"`
	Live        bool   `json:"live"`
}

func (d db) addVersion(ctx context.Context, v version) error {
	_, err := d.sql.ExecContext(ctx, `INSERT OR IGNORE INTO versions (version, published_at, published_by, summary) VALUES (?, ?, ?, ?)`,
		v.Version, v.PublishedAt, v.PublishedBy, v.Summary)
	if err != nil {
		return fmt.Errorf("record version %s: %w", v.Version, err)
	}
	return nil
}

func (d db) versions(ctx context.Context) ([]version, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT version, published_at, published_by, summary FROM versions ORDER BY published_at DESC, version`)
	if err != nil {
		return nil, fmt.Errorf("list versions: %w", err)
	}
	defer rows.Close()
	out := []version{}
	for rows.Next() {
		var v version
		if err := rows.Scan(&v.Version, &v.PublishedAt, &v.PublishedBy, &v.Summary); err != nil {
			return nil, fmt.Errorf("list versions: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Sessions of the development login.

func hashToken(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func (d db) newSession(ctx context.Context, token, who string, expires time.Time) error {
	_, err := d.sql.ExecContext(ctx, `INSERT INTO sessions (token_hash, who, expires_at) VALUES (?, ?, ?)`, hashToken(token), who, stamp(expires))
	if err != nil {
		return fmt.Errorf("new session: %w", err)
	}
	return nil
}

// session returns who holds token, or "" when it is unknown or expired.
func (d db) session(ctx context.Context, token string, now time.Time) (string, error) {
	var who, expires string
	err := d.sql.QueryRowContext(ctx, `SELECT who, expires_at FROM sessions WHERE token_hash = ?`, hashToken(token)).Scan(&who, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read session: %w", err)
	}
	if expires <= stamp(now) {
		return "", nil
	}
	return who, nil
}

// useCode marks a development login code used; false when it already was.
func (d db) useCode(ctx context.Context, code string, now time.Time) (bool, error) {
	res, err := d.sql.ExecContext(ctx, `INSERT OR IGNORE INTO used_codes (code_hash, used_at) VALUES (?, ?)`, hashToken(code), stamp(now))
	if err != nil {
		return false, fmt.Errorf("use login code: %w", err)
	}
	n, err := res.RowsAffected()
	return err == nil && n == 1, nil
}
