//go:build browser

package search

// signalsFile is empty in the browser module: the loader fetches the
// signals file beside the module and hands it over (see signals.go).
var signalsFile string
