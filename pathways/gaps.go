package pathways

import (
	"errors"

	"github.com/pathways-fr/pathways/graph"
)

// DefaultGapSkills is how many skills each list of a step's gap holds
// unless the caller asks for another limit.
const DefaultGapSkills = 10

// AddGaps sets the skills gap of every step of the routes of doc that
// moves from one job with skills to another (StepGap from the step
// before to this one, lists cut at limit, 0: no limit). Steps reached by
// access from a level or by a bridge, and steps whose end has no fiche,
// get none. Only a negative limit is an error.
func AddGaps(doc *Paths, g *graph.Graph, base SkillBase, limit int) error {
	if limit < 0 {
		return badQuery(CodeOutOfRange, "la limite doit être positive")
	}
	for p := range doc.Paths {
		steps := doc.Paths[p].Steps
		for i := 1; i < len(steps); i++ {
			if steps[i].Type == graph.Access || steps[i].Type == graph.Bridge {
				continue
			}
			gap, err := StepGap(g, base.Skills, base.Bridge, string(steps[i-1].ID), string(steps[i].ID), limit)
			var qe *Error
			switch {
			case errors.As(err, &qe) && qe.Code == CodeNoSkills:
				continue
			case err != nil:
				return err
			}
			steps[i].Gap = &gap
		}
	}
	return nil
}
