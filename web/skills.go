package web

import (
	"errors"
	"strings"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

// The skills routes answer on the datasets whose graph has skills
// attached (pathways.AttachSkills, called by the loader for ROME 4.0 and
// the combined dataset): the skills travel with the graph, so a reload
// swaps both at once.

// maxGapSkills bounds the skills each list of a step's gap holds.
const maxGapSkills = 1000

// skillsOf returns the skills attached to the graph of a request, or the
// no_skills error naming the datasets to use.
func (s *server) skillsOf(g *graph.Graph) (pathways.SkillBase, error) {
	if base, ok := pathways.SkillsFor(g); ok {
		return base, nil
	}
	var with []string
	for _, n := range s.sets.Names() {
		if h, ok := s.sets.Get(n); ok {
			if _, ok := pathways.SkillsFor(h); ok {
				with = append(with, n)
			}
		}
	}
	msg := "le jeu de données « %s » n’a pas de compétences"
	if len(with) > 0 {
		msg += " : utilisez " + strings.Join(with, " ou ")
	}
	return pathways.SkillBase{}, badRequest(pathways.CodeNoSkills, msg, g.Dataset)
}

// compare answers GET /api/compare?jobs=A,B[,C]: the skills two or three
// jobs share, those only each lists, and every pair's similarity.
func (s *server) compare(p params, g *graph.Graph) (pathways.Comparison, error) {
	jobs, err := p.text("jobs")
	if err != nil {
		return pathways.Comparison{}, err
	}
	base, err := s.skillsOf(g)
	if err != nil {
		return pathways.Comparison{}, err
	}
	ids := strings.Split(jobs, ",")
	for i := range ids {
		ids[i] = strings.TrimSpace(ids[i])
	}
	return pathways.Compare(g, base.Skills, base.Bridge, ids)
}

// suggest answers GET /api/suggest?from=A[&limit=N]: jobs whose skills
// resemble A's that no official move reaches, marked as suggestions.
func (s *server) suggest(p params, g *graph.Graph) (pathways.Suggestions, error) {
	from, err := p.text("from")
	if err != nil {
		return pathways.Suggestions{}, err
	}
	limit, err := p.intIn("limit", pathways.DefaultSuggestions, 1, pathways.MaxSuggestions)
	if err != nil {
		return pathways.Suggestions{}, err
	}
	base, err := s.skillsOf(g)
	if err != nil {
		return pathways.Suggestions{}, err
	}
	return pathways.Suggest(g, base.Skills, base.Bridge, strings.TrimSpace(from), limit)
}

// addJobSkills sets the skills of a job's card when its dataset has
// skills; a job with no fiche (a level, a métier without a bridge) has
// none, which is no error.
func addJobSkills(g *graph.Graph, doc *pathways.JobDetail) error {
	base, ok := pathways.SkillsFor(g)
	if !ok {
		return nil
	}
	sk, err := pathways.SkillsOf(g, base.Skills, base.Bridge, string(doc.ID))
	if hasCode(err, pathways.CodeNoSkills) {
		return nil
	}
	if err != nil {
		return err
	}
	doc.Skills = &sk
	return nil
}

// addPathGaps sets the skills gap of every move of the routes of doc when
// the dataset has skills; ?gap_limit= bounds each list (0: all).
func addPathGaps(p params, g *graph.Graph, doc *pathways.Paths) error {
	limit, err := p.intIn("gap_limit", pathways.DefaultGapSkills, 0, maxGapSkills)
	if err != nil {
		return err
	}
	base, ok := pathways.SkillsFor(g)
	if !ok {
		return nil
	}
	return pathways.AddGaps(doc, g, base, limit)
}

// hasCode reports whether err is a query error with the given code.
func hasCode(err error, code string) bool {
	var qe *pathways.Error
	return errors.As(err, &qe) && qe.Code == code
}
