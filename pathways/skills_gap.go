package pathways

import (
	"github.com/pathways-fr/pathways/graph"
)

// Gap is what one step of a route asks: the skills the next job needs that
// the current one lacks, and those it keeps. Counts are always complete;
// the lists hold at most the limit StepGap was given.
type Gap struct {
	From       graph.JobID `json:"from"`
	To         graph.JobID `json:"to"`
	Score      float64     `json:"score"` // the similarity of Suggest
	Learn      SkillCounts `json:"learn"` // skills of To that From lacks
	Keep       SkillCounts `json:"keep"`  // skills of To that From has
	ToLearn    []SkillDoc  `json:"to_learn"`
	Kept       []SkillDoc  `json:"kept"`
	Truncated  bool        `json:"truncated,omitempty"` // a list holds fewer skills than its count
	FromFiches []FicheRef  `json:"from_fiches"`
	ToFiches   []FicheRef  `json:"to_fiches"`
}

// StepGap returns the skills gap of a move from one job to another (both
// fiches, or métiers through their bridged fiches): the skills of to that
// from lacks, core skills first (« Principale », then « Émergente »), and
// the skills of to that from keeps, each list cut at limit skills (0: no
// limit). Work contexts are left out. Errors are as SkillsOf's.
//
// Route code calls it once per step whose two ends have skills; a step
// whose end has none gets an *Error with code CodeNoSkills, which the route
// can show as « compétences non connues » and carry on.
func StepGap(g *graph.Graph, s *graph.Skills, b Bridge, from, to string, limit int) (Gap, error) {
	if limit < 0 {
		return Gap{}, badQuery(CodeOutOfRange, "la limite doit être positive")
	}
	ff, err := jobFiches(g, s, b, from)
	if err != nil {
		return Gap{}, err
	}
	tf, err := jobFiches(g, s, b, to)
	if err != nil {
		return Gap{}, err
	}
	x := skillIndexOf(g, s, Similarity)
	sa, sb := skillsOnly(x, setOf(s, ff)), skillsOnly(x, setOf(s, tf))
	out := Gap{From: graph.JobID(from), To: graph.JobID(to), Score: round4(x.similarity(sa, sb)),
		ToLearn: []SkillDoc{}, Kept: []SkillDoc{}, FromFiches: ficheRefs(g, x, ff), ToFiches: ficheRefs(g, x, tf)}
	var lp, kp []int32
	for k, it := range sb.items {
		if _, ok := sa.contains(it); ok {
			kp = append(kp, int32(k))
			out.Keep.add(sb.core[k])
		} else {
			lp = append(lp, int32(k))
			out.Learn.add(sb.core[k])
		}
	}
	learn, keep := x.docs(sb, lp, true), x.docs(sb, kp, true)
	if limit > 0 && len(learn) > limit {
		learn, out.Truncated = learn[:limit], true
	}
	if limit > 0 && len(keep) > limit {
		keep, out.Truncated = keep[:limit], true
	}
	out.ToLearn, out.Kept = append(out.ToLearn, learn...), append(out.Kept, keep...)
	return out, nil
}
