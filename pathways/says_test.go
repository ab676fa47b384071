package pathways

import (
	"testing"

	"github.com/pathways-fr/pathways/graph"
)

func TestSays(t *testing.T) {
	tech := Step{Title: "Technicien Cloud"}
	for _, tc := range []struct {
		prev, st Step
		ev       graph.Evidence
		want     string
	}{
		{Step{Title: "Technicien réseaux et cloud"}, Step{Title: "Administrateur de base de données", Type: graph.Evolution, Source: graph.SourceMetiers, Evidence: "Administrateur base de données", Match: graph.MatchTitle}, graph.Evidence{},
			"La fiche Technicien réseaux et cloud cite “Administrateur base de données” parmi ses perspectives d’évolution."},
		{tech, Step{Title: "Architecte cloud", Type: graph.Close, Source: graph.SourceROME, Evidence: "Mobilité de rang 1 (ligne 12)", Match: graph.MatchRome}, graph.Evidence{Rank: 1},
			"ROME 4.0 cite Architecte cloud parmi les mobilités de Technicien Cloud, en 1er rang."},
		{Step{Title: "Études et développement informatique"}, Step{Title: "Conseil", Type: graph.Close, Source: graph.SourceROME, Evidence: "Proche : toutes appellations (ligne 173)"}, graph.Evidence{},
			"ROME cite Conseil parmi les métiers proches d’Études et développement informatique."},
		{Step{Title: "Administrateur de base de données"}, Step{Title: "Développeur web", Type: graph.Evolution, Source: graph.SourceMetiers, Evidence: "Études et développement informatique", Match: graph.MatchDomain}, graph.Evidence{Candidates: 4},
			"La fiche Administrateur de base de données cite “Études et développement informatique” parmi ses perspectives d’évolution : c’est l’intitulé d’une fiche ROME dont relèvent 4 métiers du répertoire, dont Développeur web."},
		{Step{Title: "Data analyst"}, Step{Title: "Analyste de données", Type: graph.Bridge, Source: graph.SourceBridge}, graph.Evidence{},
			"Analyste de données : même métier dans ROME."},
		{Step{Title: "Bac +2"}, Step{Title: "Technicien", Type: graph.Access, Source: graph.SourceMetiers}, graph.Evidence{},
			"Technicien est accessible à partir du niveau Bac +2."},
	} {
		if got := says(tc.prev, tc.st, tc.ev); got != tc.want {
			t.Errorf("says(%q, %q, %+v) = %q, want %q", tc.prev.Title, tc.st.Title, tc.ev, got, tc.want)
		}
	}
}
