package pathways

import (
	"github.com/pathways-fr/pathways/internal/fixture"
	"slices"
	"testing"
)

func TestRomeMembers(t *testing.T) {
	g := fixture.Metiers(t)
	for _, tt := range []struct {
		code string
		want []string
	}{
		// rome_links of data/metiers.json: the three developer cards and
		// Ingénieur études et développement belong to M1805 « Études et
		// développement informatique ».
		{"M1805", []string{"developpeur-multimedia", "developpeur-web", "developpeur-web-mobile", "ingenieur-etudes-developpement"}},
		// M1803 « Direction des systèmes d'information »: the DSI and the
		// manager de projet.
		{"M1803", []string{"directeur-systemes-information", "manager-projet"}},
		// No métier belongs to a warehouse card.
		{"N1103", []string{}},
	} {
		var got []string
		for _, j := range RomeMembers(g, tt.code) {
			got = append(got, string(j.ID))
		}
		if !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("RomeMembers(%s) = %v, want %v", tt.code, got, tt.want)
		}
	}
	if got := RomeMembers(g, "M1805"); got == nil {
		t.Errorf("RomeMembers returned nil, want an empty or full list")
	}
}
