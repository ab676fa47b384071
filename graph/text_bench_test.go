package graph

import "testing"

// BenchmarkFold folds names as a load does: titles and synonyms, mostly
// ASCII with a few accents.
func BenchmarkFold(b *testing.B) {
	names := []string{"Développeur web full stack 1234", "Administrateur de bases de données", "Chef de projet maîtrise d’ouvrage", "Data scientist cloud 98765"}
	for b.Loop() {
		for _, s := range names {
			Fold(s)
		}
	}
}
