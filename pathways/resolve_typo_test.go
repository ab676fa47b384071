package pathways

import (
	"errors"
	"github.com/pathways-fr/pathways/internal/fixture"
	"testing"
)

// TestSubmitOffersWhatTypingOffered checks issue 11's « dévelopeur »: the
// page's completion (Resolve) offers names for it while typing; a query
// submitted with it is the unknown_job error, whose suggestions are the
// same jobs in the same order, so the page can ask which one was meant.
func TestSubmitOffersWhatTypingOffered(t *testing.T) {
	g := fixture.Metiers(t)
	for _, text := range []string{"dévelopeur", "tecnicien", "technicien-maintenanse-support"} {
		res, err := Resolve(g, text, MaxCandidates)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Matches) == 0 {
			t.Fatalf("Resolve(%q): no match, want typo matches", text)
		}
		_, err = FindFrom(g, text)
		var qe *Error
		if !errors.As(err, &qe) || !errors.Is(err, ErrUnknownJob) {
			t.Fatalf("FindFrom(%q) = %v, want unknown_job", text, err)
		}
		if len(qe.Suggestions) != len(res.Matches) {
			t.Fatalf("FindFrom(%q) suggests %d jobs, Resolve offers %d", text, len(qe.Suggestions), len(res.Matches))
		}
		for i, m := range res.Matches {
			if qe.Suggestions[i].ID != string(m.ID) {
				t.Errorf("FindFrom(%q) suggestion %d = %s, Resolve offers %s", text, i, qe.Suggestions[i].ID, m.ID)
			}
		}
	}
	// A misspelt identifier is shown by its job's title, not the slug.
	res, _ := Resolve(g, "technicien-maintenanse-support", 1)
	if len(res.Matches) != 1 || res.Matches[0].Name != res.Matches[0].Title {
		t.Errorf("Resolve(technicien-maintenanse-support) = %+v, want the title as the name matched", res.Matches)
	}
}
