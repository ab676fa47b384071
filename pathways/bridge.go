package pathways

import "github.com/pathways-fr/pathways/graph"

// RomeMembers returns the jobs of a repertoire (kind job) that list the
// ROME card code among their ROME cards: the way back from a ROME card to
// the métiers that belong to it. It returns an empty list when none does.
func RomeMembers(g *graph.Graph, code string) []JobSummary {
	out := []JobSummary{}
	for _, j := range g.Jobs() {
		if j.Kind != graph.KindJob {
			continue
		}
		for _, r := range j.Rome {
			if r.Code == code {
				out = append(out, Summary(j))
				break
			}
		}
	}
	return out
}
