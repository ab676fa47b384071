// Package data embeds the datasets shipped with the engine: the repertoire
// "Répertoire des métiers « cœur du numérique »" as structured JSON with the
// source text it was read from, and France Travail's ROME v3.47 open data.
package data

import (
	"embed"
	"io/fs"
)

//go:embed metiers.json source/*.txt rome/*.csv rome/README.md
var files embed.FS

// Metiers returns the structured repertoire of the 35 digital métiers.
func Metiers() []byte {
	b, err := files.ReadFile("metiers.json")
	if err != nil {
		panic("data: metiers.json not embedded: " + err.Error())
	}
	return b
}

// Source returns the text of the repertoire as extracted from its PDF, the
// text every title, synonym, level and perspective of Metiers comes from.
func Source() []byte {
	b, err := files.ReadFile("source/fiches-metiers-coeur-du-numerique.txt")
	if err != nil {
		panic("data: source text not embedded: " + err.Error())
	}
	return b
}

// ROME returns the folder of ROME v3.47 CSV files (France Travail, Licence
// Ouverte 2.0).
func ROME() fs.FS {
	sub, err := fs.Sub(files, "rome")
	if err != nil {
		panic("data: rome not embedded: " + err.Error())
	}
	return sub
}
