package pathways

import (
	"testing"

	"github.com/pathways-fr/pathways/graph"
)

func TestSays(t *testing.T) {
	tech := Step{Title: "Technicien Cloud"}
	for _, tc := range []struct {
		prev, st Step
		rank     int
		want     string
	}{
		{Step{Title: "Technicien réseaux et cloud"}, Step{Title: "Administrateur de base de données", Type: graph.Evolution, Source: graph.SourceMetiers, Evidence: "Administrateur base de données", Match: graph.MatchTitle}, 0,
			"La fiche Technicien réseaux et cloud cite “Administrateur base de données” parmi ses perspectives d'évolution."},
		{tech, Step{Title: "Architecte cloud", Type: graph.Close, Source: graph.SourceROME, Evidence: "Mobilité de rang 1 (ligne 12)", Match: graph.MatchRome}, 1,
			"ROME 4.0 cite Architecte cloud parmi les mobilités de Technicien Cloud, en 1er rang."},
		{Step{Title: "Études et développement informatique"}, Step{Title: "Conseil", Type: graph.Close, Source: graph.SourceROME, Evidence: "Proche : toutes appellations (ligne 173)"}, 0,
			"ROME cite Conseil parmi les métiers proches d'Études et développement informatique."},
		{Step{Title: "Data analyst"}, Step{Title: "Analyste de données", Type: graph.Bridge, Source: graph.SourceBridge}, 0,
			"Analyste de données : même métier dans ROME."},
		{Step{Title: "Bac +2"}, Step{Title: "Technicien", Type: graph.Access, Source: graph.SourceMetiers}, 0,
			"Technicien est accessible à partir du niveau Bac +2."},
	} {
		if got := says(tc.prev, tc.st, tc.rank); got != tc.want {
			t.Errorf("says(%q, %q, %d) = %q, want %q", tc.prev.Title, tc.st.Title, tc.rank, got, tc.want)
		}
	}
}
