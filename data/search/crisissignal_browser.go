//go:build browser

package search

// crisisSignalFile is empty in the browser module: the loader fetches the
// model file beside the module and hands it over (see crisissignal.go).
var crisisSignalFile string
