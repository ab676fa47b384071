package pathways

import (
	"errors"
	"slices"
	"testing"

	"github.com/pathways-fr/pathways/internal/fixture"
)

// checkQueryError fails unless err is nil or a query error with a code.
func checkQueryError(t *testing.T, call string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var qe *Error
	if !errors.As(err, &qe) || qe.Code == "" || qe.Message == "" {
		t.Fatalf("%s: error %v is not a coded query error", call, err)
	}
	if !errors.Is(err, ErrBadQuery) && !errors.Is(err, ErrUnknownJob) {
		t.Fatalf("%s: error %v wraps neither ErrBadQuery nor ErrUnknownJob", call, err)
	}
}

// FuzzResolve sends any text to the resolver and to the queries that
// start from free text: no panic, only coded errors, and a match list
// sorted best first.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{"technicien", "architecte", "DSI", "tecnicien", "bac+2", "BTS", "", "   ", "\xff", "a", "level-bac+2", "ext-urbaniste", "développeur web mobile"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g := fixture.Metiers(t)
		res, err := Resolve(g, s, 20)
		checkQueryError(t, "Resolve", err)
		// Best first: by tier of match, then jobs before other roles, then
		// by score (one dataset).
		for i := 1; i < len(res.Matches); i++ {
			a, b := res.Matches[i-1], res.Matches[i]
			if b.tier > a.tier ||
				b.tier == a.tier && kindRank(b.Kind) < kindRank(a.Kind) ||
				b.tier == a.tier && b.Kind == a.Kind && b.Score > a.Score {
				t.Fatalf("Resolve(%q): match %d %+v ranks after %+v", s, i, b, a)
			}
		}
		// The candidates are the first matches; several are ambiguous.
		if err == nil {
			n := len(res.Candidates)
			if res.Ambiguous != (n > 1) || n > len(res.Matches) ||
				!slices.EqualFunc(res.Candidates, res.Matches[:n], func(a, b Match) bool { return a.node == b.node }) {
				t.Fatalf("Resolve(%q): candidates %+v (ambiguous %t) are not the first matches %+v", s, res.Candidates, res.Ambiguous, res.Matches)
			}
		}
		from, err := FindFrom(g, s)
		checkQueryError(t, "FindFrom", err)
		if err == nil {
			_, err := Reachable(g, from, 2, 0)
			checkQueryError(t, "Reachable", err)
			to, _ := Find(g, "architecte")
			_, err = Shortest(g, from, to, Options{K: 2})
			checkQueryError(t, "Shortest", err)
		}
		_, err = LevelEndpoint(g, s)
		checkQueryError(t, "LevelEndpoint", err)
		_, err = Show(g, s)
		checkQueryError(t, "Show", err)
	})
}
