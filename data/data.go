// Package data embeds the datasets shipped with the engine: the repertoire
// "Répertoire des métiers « cœur du numérique »" as structured JSON with the
// source text it was read from, and France Travail's ROME open data:
// release v3.47 and release v4.60 of ROME 4.0.
package data

import (
	"embed"
	"io/fs"
)

//go:embed metiers.json source/*.txt rome/*.csv rome/README.md rome4/*.csv rome4/README.md bridge-rome4.json
var files embed.FS

// Metiers returns the structured repertoire of the 35 digital métiers.
func Metiers() []byte { return file("metiers.json") }

// Source returns the text of the repertoire as extracted from its PDF, the
// text every title, synonym, level and perspective of Metiers comes from.
func Source() []byte { return file("source/fiches-metiers-coeur-du-numerique.txt") }

// ROME returns the folder of ROME v3.47 CSV files (France Travail, Licence
// Ouverte 2.0).
func ROME() fs.FS { return dir("rome") }

// ROME4 returns the folder of ROME 4.0 release v4.60 CSV files (France
// Travail, Licence Ouverte 2.0): the files graph.LoadROME4 reads, and the
// skills files (unix_coherence_item, unix_referentiel_competence,
// unix_referentiel_savoir, unix_item), which it does not read.
func ROME4() fs.FS { return dir("rome4") }

// BridgeROME4 returns the reviewed links between the 35 métiers of
// Metiers and the fiches of ROME 4.0 (bridge-rome4.json).
func BridgeROME4() []byte { return file("bridge-rome4.json") }

// file returns an embedded file; a missing one is a build mistake.
func file(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		panic("data: " + name + " not embedded: " + err.Error())
	}
	return b
}

// dir returns an embedded folder.
func dir(name string) fs.FS {
	sub, err := fs.Sub(files, name)
	if err != nil {
		panic("data: " + name + " not embedded: " + err.Error())
	}
	return sub
}
