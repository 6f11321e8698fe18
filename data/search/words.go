package search

// The constants of the language of reading. The words themselves are data:
// data/lexicon.json, read by newLexicon (lexicon.go).

// minHomographTokens is the shortest query in which a homograph place is
// read as the ordinary word: two words are a place and a topic ("sola
// angst"), three or more begin to be a sentence.
const minHomographTokens = 3

// A year after a year cue ("i 2019", "siden 2021") is read as one when it
// lies in this range. Postcodes in that range typed after these words are
// rare; a year read as a postcode sends "pappa døde i 2019" to Lillestrøm.
const (
	minYear = 1800
	maxYear = 2039
)

// griefTopic is the topic the bereavement phrases read as.
const griefTopic = "sorg"
