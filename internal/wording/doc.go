// Package wording holds the test that reads the French the program shows
// (CLI and API messages, the page, the SVG titles, the data-quality
// reports of every dataset, the load errors of bad input) for the
// mistakes of issue 11: "1 métiers"-style plurals, "label(s)"-style
// plurals left to the reader, straight apostrophes in messages, English
// words. It has no code.
package wording
