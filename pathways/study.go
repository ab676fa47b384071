package pathways

import (
	"cmp"
	"slices"
	"sync/atomic"

	"github.com/pathways-fr/pathways/graph"
)

// MatchStudy is the match of a study step: the engine computed it from
// the training text of the target's card, no source names it as a step.
const MatchStudy graph.Match = "study"

// Study is what a study step ("poursuite d’études" or continuing
// training) rests on. The step is computed by the engine, not read from a
// source: Quote is the target card's own text about training, and years
// or diplomas are only those the quote names.
type Study struct {
	Computed  bool             `json:"computed"` // always true: the step is ours, its quote is the source's
	FromLevel *string          `json:"from_level"`
	ToLevel   string           `json:"to_level"`
	For       graph.JobID      `json:"for"`   // the job whose card is quoted
	Quote     string           `json:"quote"` // the card's "Formation initiale" text, or a ROME fiche's access text
	Trainings *graph.Trainings `json:"trainings,omitempty"`
	// Source and Says are set on the study a move inside a route asks
	// first (Step.StudyFirst): the source quoted, and the sentence.
	Source graph.Source `json:"source,omitempty"`
	Says   string       `json:"says,omitempty"`
}

// studyQuote returns what j's card says about the training it asks for,
// and its source; ok is false when it says nothing.
func studyQuote(j *graph.Job) (quote string, trainings *graph.Trainings, src graph.Source, ok bool) {
	switch {
	case j.Card != nil && j.Card.InitialTraining != "":
		return j.Card.InitialTraining, j.Card.Trainings, graph.SourceMetiers, true
	case j.Fiche != nil && j.Fiche.LevelSentence != "":
		return j.Fiche.LevelSentence, nil, graph.SourceROME, true
	case j.AccessText != "":
		return j.AccessText, nil, graph.SourceROME, true
	}
	return "", nil, "", false
}

// studyPaths returns up to n routes that reach a target of to by one
// study step up to its minimum level, then access: from the level of a
// diploma endpoint, or from each job start whose level is lower. Each
// costs one step, and by effort what a step raising the level costs.
func (d *routeDocs) studyPaths(from Endpoint, to []int32, effort bool, n int) []Path {
	g := d.g
	var starts []int32
	for _, s := range from.Nodes {
		j := g.Node(s)
		if from.Level != graph.LevelNone && j.Kind == graph.KindLevel && j.Level == from.Level ||
			from.Level == graph.LevelNone && j.Kind != graph.KindLevel && j.Level != graph.LevelNone {
			starts = append(starts, s)
		}
	}
	var out []Path
	for _, t := range to {
		tj := g.Node(t)
		quote, tr, src, ok := studyQuote(tj)
		if !ok || tj.Kind == graph.KindLevel || !tj.Level.Valid() {
			continue
		}
		ln, ok := g.Index(graph.LevelID(tj.Level))
		if !ok {
			continue
		}
		access := slices.IndexFunc(g.Out(ln), func(a graph.Arc) bool { return a.Node == t && a.Type == graph.Access })
		if access < 0 {
			continue
		}
		for _, s := range starts {
			sj := g.Node(s)
			if sj.Level >= tj.Level {
				continue
			}
			st := &Study{Computed: true, FromLevel: levelOf(sj), ToLevel: tj.Level.String(), For: tj.ID, Quote: quote, Trainings: tr}
			out = append(out, d.studyPath(s, ln, t, g.Out(ln)[access].Edge, st, src, effort))
		}
	}
	slices.SortStableFunc(out, func(a, b Path) int { return cmp.Compare(a.Cost, b.Cost) })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// studyPath builds the route start → (study) level → target.
func (d *routeDocs) studyPath(start, level, target, access int32, st *Study, src graph.Source, effort bool) Path {
	g := d.g
	sj, lj, tj := g.Node(start), g.Node(level), g.Node(target)
	cost := 1
	if effort {
		cost += int(tj.Level - sj.Level)
	}
	e := g.Edge(access)
	p := Path{Hops: 1, Cost: cost}
	p.Steps = []Step{
		{ID: sj.ID, Title: sj.Title, Kind: sj.Kind, Level: levelOf(sj), Family: sj.Family, node: start},
		{ID: lj.ID, Title: lj.Title, Kind: lj.Kind, Level: levelOf(lj), Type: graph.Formation, Source: src,
			Evidence: st.Quote, Match: MatchStudy, RaisesLevel: true, Study: st, node: level},
		{ID: tj.ID, Title: tj.Title, Kind: tj.Kind, Level: levelOf(tj), Family: tj.Family, Type: e.Type, Source: e.Source, node: target},
	}
	if len(e.Evidence) > 0 {
		p.Steps[2].Evidence, p.Steps[2].Match = e.Evidence[0].Text, e.Evidence[0].Match
	}
	p.Edges = []EdgeDoc{
		{From: sj.ID, To: lj.ID, Type: graph.Formation, Source: src, Evidence: st.Quote, Match: MatchStudy, edge: -1},
		{From: e.From, To: e.To, Type: e.Type, Source: e.Source, Evidence: p.Steps[2].Evidence, Match: p.Steps[2].Match, edge: access},
	}
	from := sj.Title
	if sj.Kind != graph.KindLevel {
		from = sj.Level.Label() + " (" + sj.Title + ")"
	}
	p.Steps[1].Says = studySays(st, from, lj.Title, tj.Title, src)
	p.Steps[2].Says = d.sentence(access)
	return p
}

// addStudyFirst makes explicit, inside a route through jobs, the studies
// each move that raises the level asks first (issue 14): the move's step
// gets StudyFirst, from the level of the job left to the level of the job
// reached (each taken across its bridges), quoting the card of the job
// reached, or of a node bridged to it, that says what training it asks.
// The route and its cost do not change: the study is the level raise of
// that move made explicit, which by effort the move already costs (one per
// level climbed, as a study step does) and which by steps is part of the
// move. A move to a job no source says anything about training for gets
// none. run is runLevels of the route.
func (d *routeDocs) addStudyFirst(r route, run []graph.Level, p *Path) {
	g := d.g
	levelAt := func(i int) graph.Level {
		if run != nil {
			return run[i]
		}
		return g.Node(r.hops[i].node).Level
	}
	prev := graph.LevelNone
	for i := range p.Steps {
		if l := levelAt(i); i > 0 && p.Steps[i].RaisesLevel && p.Steps[i].Type != graph.Access && l.Valid() && prev != graph.LevelNone {
			if n := studyNode(g, r.hops, i, l); n >= 0 {
				p.Steps[i].StudyFirst = d.facts().studyFirst(g, n, prev, l)
			}
		}
		if l := levelAt(i); l != graph.LevelNone {
			prev = l
		}
	}
}

// studyNode returns the node whose card the study a move to hops[i] asks
// to reach level l quotes: the first node of its run of bridges whose
// level is l and whose card says what training it asks, else the first
// that says any; -1 when none does.
func studyNode(g *graph.Graph, hops []hop, i int, l graph.Level) int32 {
	best, bestLevel := int32(-1), graph.LevelNone
	for k := i; k < len(hops) && (k == i || g.Edge(hops[k].edge).Type == graph.Bridge); k++ {
		j := g.Node(hops[k].node)
		if _, _, _, ok := studyQuote(j); !ok {
			continue
		}
		if best < 0 || j.Level == l && bestLevel != l {
			best, bestLevel = hops[k].node, j.Level
		}
	}
	return best
}

// studyMemo is a study a move asks first, kept for the routes that make
// the same move: the card of its node quoted, from the level from to the
// level to.
type studyMemo struct {
	from, to graph.Level
	study    *Study
	next     *studyMemo // the same node's, for other levels
}

// studyFirst returns the study a move from level from to level to asks
// first, quoting node n's card (see addStudyFirst). It depends only on
// them, and the graph does not change: it is written on the first route
// that asks it, and shared by the documents of the next, which are read,
// never written.
func (f *edgeFacts) studyFirst(g *graph.Graph, n int32, from, to graph.Level) *Study {
	f.studyOnce.Do(func() { f.studies = make([]atomic.Pointer[studyMemo], g.Len()) })
	head := f.studies[n].Load()
	for m := head; m != nil; m = m.next {
		if m.from == from && m.to == to {
			return m.study
		}
	}
	j := g.Node(n)
	quote, tr, src, _ := studyQuote(j)
	st := &Study{Computed: true, FromLevel: levelName(from), ToLevel: to.String(), For: j.ID, Quote: quote, Trainings: tr, Source: src}
	st.Says = studySays(st, from.Label(), to.Label(), j.Title, src)
	// Should another route have written one meanwhile, this one is not
	// kept: a later route writes it again.
	f.studies[n].CompareAndSwap(head, &studyMemo{from: from, to: to, study: st, next: head})
	return st
}
