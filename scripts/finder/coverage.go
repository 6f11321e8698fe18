package main

import (
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/selvhjelp/finder/data/dataset"
	"github.com/selvhjelp/finder/data/search"
)

// coverageReport is the --json form of `finder coverage`.
type coverageReport struct {
	Rule string `json:"rule"`
	// ByKind is, per contact point kind, how many people live beyond the
	// threshold from one of that kind (kinds with none counted are left out).
	ByKind               []kindCoverage       `json:"by_kind"`
	ThresholdKm          float64              `json:"threshold_km"`
	PeopleBeyond         int                  `json:"people_beyond"`
	MunicipalitiesBeyond int                  `json:"municipalities_beyond"`
	Municipalities       []search.CoverageRow `json:"municipalities"`
}

// kindCoverage is one kind's figure in coverageReport.
type kindCoverage struct {
	Kind                 string `json:"kind"`
	PeopleBeyond         int    `json:"people_beyond"`
	MunicipalitiesBeyond int    `json:"municipalities_beyond"`
}

// beyond sums the people and municipalities farther than km (or with none).
func beyond(rows []search.CoverageRow, km float64) (people, munis int) {
	for _, r := range rows {
		if r.DistanceKm < 0 || r.DistanceKm > km {
			people += r.Population
			munis++
		}
	}
	return people, munis
}

// coverageByKind is the figure for each kind that has a contact point that
// counts for coverage.
func coverageByKind(eng *search.Engine, d *dataset.Dataset, km float64) []kindCoverage {
	var out []kindCoverage
	for _, k := range dataset.Kinds() {
		if !slices.ContainsFunc(d.ContactPoints, func(cp dataset.ContactPoint) bool {
			return cp.Kind == k && search.CountsForCoverage(&cp)
		}) {
			continue
		}
		p, m := beyond(eng.CoverageOf(k), km)
		out = append(out, kindCoverage{Kind: k, PeopleBeyond: p, MunicipalitiesBeyond: m})
	}
	return out
}

const coverageRule = "nærmeste kontaktpunkt som ikke er nedlagt (status active eller unknown: ingen er bekreftet aktive), " +
	"uten det nasjonale kontoret og stiftelsen; 0 km når et kontaktpunkt ligger i eller betjener kommunen"

// runCoverage prints every municipality with its distance to the nearest
// contact point, worst first, and a summary; --svg draws the map.
func runCoverage(e env, args []string) int {
	fs := newFlags(e, "coverage", "[--data DIR] [--km N] [--top N] [--json] [--svg FILE]")
	dir := fs.String("data", "", "mappen med datasettet (standard: datasettet bygd inn i programmet)")
	km := fs.Float64("km", 50, "avstand som regnes som for langt (km)")
	top := fs.Int("top", 0, "skriv bare de N verste kommunene (0: alle)")
	asJSON := fs.Bool("json", false, "skriv resultatet som JSON")
	svgFile := fs.String("svg", "", "tegn et kart over dekningen til denne SVG-filen")
	rest, err := parse(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) > 0 || *km < 0 || *top < 0 {
		fs.Usage()
		return 2
	}
	d, err := loadDataset(*dir)
	if err != nil {
		fmt.Fprintln(e.stderr, "finder coverage:", err)
		return 1
	}
	eng, err := search.New(d)
	if err != nil {
		fmt.Fprintln(e.stderr, "finder coverage: building the index:", err)
		return 1
	}
	rows := eng.Coverage()
	rep := coverageReport{Rule: coverageRule, ThresholdKm: *km, Municipalities: rows,
		ByKind: coverageByKind(eng, d, *km)}
	rep.PeopleBeyond, rep.MunicipalitiesBeyond = beyond(rows, *km)
	if *svgFile != "" {
		if err := writeCoverageSVG(*svgFile, rows, *km); err != nil {
			fmt.Fprintln(e.stderr, "finder coverage:", err)
			return 1
		}
	}
	shown := rows
	if *top > 0 && *top < len(rows) {
		shown = rows[:*top]
	}
	if *asJSON {
		rep.Municipalities = shown
		if err := writeJSON(e.stdout, rep); err != nil {
			fmt.Fprintln(e.stderr, "finder coverage:", err)
			return 1
		}
		return 0
	}
	w := e.stdout
	fmt.Fprintf(w, "Avstand til %s.\n\n", coverageRule)
	fmt.Fprintf(w, "%-4s  %-26s  %-16s  %10s  %8s  %s\n", "nr", "kommune", "fylke", "innbyggere", "km", "nærmeste")
	for _, r := range shown {
		dist := "ingen"
		if r.DistanceKm >= 0 {
			dist = fmt.Sprintf("%.1f", r.DistanceKm)
		}
		fmt.Fprintf(w, "%-4s  %-26s  %-16s  %10d  %8s  %s\n", r.Municipality, clip(r.Name, 26), clip(r.County, 16), r.Population, dist, r.Nearest)
	}
	fmt.Fprintf(w, "\n%s personer bor mer enn %g km fra et kontaktpunkt (%d av %d kommuner).\n",
		thousands(rep.PeopleBeyond), *km, rep.MunicipalitiesBeyond, len(rows))
	fmt.Fprintf(w, "Bare kontaktpunkter av én type:\n")
	for _, k := range rep.ByKind {
		fmt.Fprintf(w, "  %-22s %10s personer (%d kommuner) mer enn %g km unna\n",
			dataset.KindLabel(k.Kind), thousands(k.PeopleBeyond), k.MunicipalitiesBeyond, *km)
	}
	return 0
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// thousands writes 1234567 as "1 234 567", the Norwegian way.
func thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// distance classes of the map, with their colours (ColorBrewer RdYlGn).
var coverageClasses = []struct {
	max    float64 // upper bound, km (inclusive)
	label  string
	colour string
}{
	{0, "har eget kontaktpunkt", "#1a9850"},
	{25, "under 25 km", "#91cf60"},
	{50, "25–50 km", "#d9ef8b"},
	{100, "50–100 km", "#fee08b"},
	{200, "100–200 km", "#fc8d59"},
	{math.Inf(1), "over 200 km / ingen", "#d73027"},
}

func coverageColour(d float64) string {
	if d < 0 {
		return coverageClasses[len(coverageClasses)-1].colour
	}
	for _, c := range coverageClasses {
		if d <= c.max {
			return c.colour
		}
	}
	return coverageClasses[len(coverageClasses)-1].colour
}

func writeCoverageSVG(path string, rows []search.CoverageRow, km float64) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("creating the map: %w", err)
	}
	if err := drawCoverageSVG(f, rows, km); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// drawCoverageSVG draws Norway from the municipality points: an
// equirectangular projection scaled by cos(latitude) at the middle of the
// country, one circle per municipality (area ~ population) coloured by its
// distance to the nearest contact point, and a legend.
func drawCoverageSVG(w io.Writer, rows []search.CoverageRow, km float64) error {
	if len(rows) == 0 {
		return fmt.Errorf("no municipalities to draw")
	}
	minLat, maxLat, minLon, maxLon := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, r := range rows {
		minLat, maxLat = math.Min(minLat, r.Lat), math.Max(maxLat, r.Lat)
		minLon, maxLon = math.Min(minLon, r.Lon), math.Max(maxLon, r.Lon)
	}
	k := math.Cos((minLat + maxLat) / 2 * math.Pi / 180)
	const height, margin, legendW = 900.0, 30.0, 300.0
	scale := (height - 2*margin) / math.Max(maxLat-minLat, 1e-9)
	mapW := (maxLon - minLon) * k * scale
	width := mapW + 2*margin + legendW
	x := func(lon float64) float64 { return margin + (lon-minLon)*k*scale }
	y := func(lat float64) float64 { return margin + (maxLat-lat)*scale }

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="sans-serif" font-size="13">`+"\n",
		width, height, width, height)
	fmt.Fprintf(&b, "<title>%s</title>\n", html.EscapeString("Avstand fra hver kommune til nærmeste kontaktpunkt for selvhjelp"))
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="#f4f8fb"/>`+"\n")
	// Big circles first, so small ones stay visible on top.
	order := append([]search.CoverageRow(nil), rows...)
	sort.SliceStable(order, func(i, j int) bool { return order[i].Population > order[j].Population })
	for _, r := range order {
		rad := 2 + math.Sqrt(float64(r.Population))/60
		dist := "ingen kontaktpunkt"
		if r.DistanceKm >= 0 {
			dist = fmt.Sprintf("%.1f km", r.DistanceKm)
		}
		label := fmt.Sprintf("%s (%s): %s, %d innbyggere", r.Name, r.County, dist, r.Population)
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s" fill-opacity="0.85" stroke="#333" stroke-width="0.4"><title>%s</title></circle>`+"\n",
			x(r.Lon), y(r.Lat), rad, coverageColour(r.DistanceKm), html.EscapeString(label))
	}
	lx := mapW + 2*margin
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" font-weight="bold">%s</text>`+"\n", lx, margin+10, html.EscapeString("Avstand til kontaktpunkt"))
	for i, c := range coverageClasses {
		yy := margin + 30 + float64(i)*24
		fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="16" height="16" fill="%s" stroke="#333" stroke-width="0.4"/>`, lx, yy, c.colour)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f">%s</text>`+"\n", lx+24, yy+13, html.EscapeString(c.label))
	}
	people := 0
	for _, r := range rows {
		if r.DistanceKm < 0 || r.DistanceKm > km {
			people += r.Population
		}
	}
	yy := margin + 40 + float64(len(coverageClasses))*24
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f">%s</text>`+"\n", lx, yy,
		html.EscapeString(thousands(people)+" personer bor"))
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f">%s</text>`+"\n", lx, yy+18,
		html.EscapeString(fmt.Sprintf("mer enn %g km fra et kontaktpunkt.", km)))
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" font-size="11" fill="#555">%s</text>`+"\n", lx, height-margin,
		html.EscapeString("Sirkelens areal ~ folketall. © Kartverket, SSB"))
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
