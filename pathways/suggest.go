package pathways

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"github.com/pathways-fr/pathways/graph"
)

// Suggestion limits.
const (
	DefaultSuggestions = 10
	MaxSuggestions     = 100
)

// SuggestionNote is what the page prints by every suggestion.
const SuggestionNote = "suggestion d’après les compétences, non officielle"

// SuggestedJob is a job suggested from skill overlap ("kind":
// "suggestion"), or an official mobility of the job scored the same way
// ("kind": "official").
type SuggestedJob struct {
	Kind string `json:"kind"` // "suggestion" or "official"
	JobSummary
	Score       float64 `json:"score"`
	Threshold   float64 `json:"threshold"`
	Shared      int     `json:"shared"`       // skills both jobs list
	Missing     int     `json:"missing"`      // skills of the target the source lacks
	MissingCore int     `json:"missing_core"` // of which « Principale » in the target
	// LevelStep is the target's level minus the source's, in steps of the
	// scale; absent when either level is not stated.
	LevelStep *int `json:"level_step,omitempty"`
}

// Suggestions is the document of `suggest` and /api/suggest.
type Suggestions struct {
	From        JobSummary     `json:"from"`
	Fiches      []FicheRef     `json:"fiches"`
	Method      string         `json:"method"`
	Note        string         `json:"note"`
	Calibration Calibration    `json:"calibration"`
	Suggestions []SuggestedJob `json:"suggestions"` // score ≥ threshold, at most one level step up, official moves excluded; best first
	// Official lists the job's official mobilities with their scores,
	// apart from the suggestions.
	Official []SuggestedJob `json:"official"`
}

// Method describes Similarity in the documents.
const Method = "cosinus des compétences pondérées par leur rareté (IDF), chaque compétence impliquant aussi sa macro-compétence (poids 0,5) ; seuil = moyenne − 1 écart type de la similarité entre fiches d’un même groupe parent (code_rome_parent)"

// candidate is a fiche scored against the source.
type candidate struct {
	fiche  int32
	score  float64
	shared int
}

// Suggest returns jobs whose skills resemble those of a job (a fiche, or
// a métier through its bridged fiches) but that no official mobility
// reaches from it: at most limit (DefaultSuggestions when 0), by score,
// each at or above the calibrated threshold and at most one level step
// above the job. Errors are as SkillsOf's; limit outside 0..MaxSuggestions
// is an *Error wrapping ErrBadQuery.
func Suggest(g *graph.Graph, s *graph.Skills, b Bridge, id string, limit int) (Suggestions, error) {
	if limit < 0 || limit > MaxSuggestions {
		return Suggestions{}, badQuery(CodeOutOfRange, "le nombre de suggestions doit être entre 1 et %d", MaxSuggestions)
	}
	limit = cmp.Or(limit, DefaultSuggestions)
	fiches, err := jobFiches(g, s, b, id)
	if err != nil {
		return Suggestions{}, err
	}
	x := skillIndexOf(g, s, Similarity)
	src := g.Job(graph.JobID(id))
	set := setOf(s, fiches)
	sc := rankScratches.Get().(*rankScratch)
	defer rankScratches.Put(sc)
	top, off := x.rank(sc, g, src, set, fiches, limit)
	listed := sc.listing(set, s.Items())
	out := Suggestions{From: Summary(src), Fiches: ficheRefs(g, x, fiches), Method: Method, Note: SuggestionNote,
		Calibration: x.calib, Suggestions: make([]SuggestedJob, 0, len(top)), Official: make([]SuggestedJob, 0, len(off))}
	for _, c := range top {
		out.Suggestions = append(out.Suggestions, x.suggested(g, "suggestion", listed, src.Level, c))
	}
	for _, c := range off {
		out.Official = append(out.Official, x.suggested(g, "official", listed, src.Level, c))
	}
	return out, nil
}

// officialTargets sets, per fiche of s, whether one official move of g
// leads to it from the job or from its fiches; out is zeroed, one entry
// per fiche.
func officialTargets(g *graph.Graph, x *skillIndex, id graph.JobID, fiches []int32, out []bool) {
	nodes := make([]int32, 0, len(fiches)+1)
	if i, ok := g.Index(id); ok {
		nodes = append(nodes, i)
	}
	for _, f := range fiches {
		if x.node[f] >= 0 {
			nodes = append(nodes, x.node[f])
		}
	}
	for _, n := range nodes {
		for _, a := range g.Out(n) {
			if a.Type&graph.Moves == 0 {
				continue
			}
			if f, ok := x.s.FicheIndex(g.Node(a.Node).ID); ok {
				out[f] = true
			}
		}
	}
}

// rank scores every fiche against set, the skills of job src of g made of
// the fiches self, in sc, and returns the best limit suggestions, and the
// official targets, by score.
func (x *skillIndex) rank(sc *rankScratch, g *graph.Graph, src *graph.Job, set skillSet, self []int32, limit int) (top, off []candidate) {
	n := len(x.s.Fiches())
	sc.dot, sc.shared, sc.official = growClear(sc.dot, n), growClear(sc.shared, n), growClear(sc.official, n)
	officialTargets(g, x, src.ID, self, sc.official)
	na := x.scores(set, sc.dot, sc.shared)
	if na == 0 {
		return nil, nil
	}
	r := ranker{x: x, sc: sc, na: float64(na), self: self, level: src.Level, limit: limit, top: make([]candidate, 0, limit+1)}
	r.raise(x.calib.Threshold)
	dot, shared, official, norm := sc.dot[:n], sc.shared[:n], sc.official[:n], x.norm[:n]
	for f := range n {
		// Most fiches stop here: no official move, and no skill shared or
		// a score under the cut.
		if official[f] || shared[f] != 0 && float64(dot[f]) >= r.cut*float64(norm[f]) {
			r.consider(int32(f))
		}
	}
	slices.SortFunc(r.off, func(a, b candidate) int { return cmpCandidates(a, b, x) })
	return r.top, r.off
}

// ranker is the state of rank's pass over the fiches.
type ranker struct {
	x        *skillIndex
	sc       *rankScratch
	na       float64 // the source's norm
	cut      float64 // see raise
	self     []int32
	level    graph.Level
	limit    int
	top, off []candidate
}

// raise raises the cut to score v: a fiche whose dot product is under the
// cut times its norm scores under v, by a margin far above the rounding
// of the division, so rank skips it without dividing.
func (r *ranker) raise(v float64) { r.cut = max(r.cut, v*r.na*(1-1e-9)) }

// consider scores fiche f and keeps it among the official targets or in
// the top.
func (r *ranker) consider(f int32) {
	x := r.x
	if x.norm[f] == 0 {
		return
	}
	c := candidate{f, float64(r.sc.dot[f]) / (r.na * float64(x.norm[f])), int(r.sc.shared[f])}
	switch {
	case r.sc.official[f]:
		if !slices.Contains(r.self, f) {
			r.off = append(r.off, c)
		}
	case r.level != graph.LevelNone && x.level[f] != graph.LevelNone && int(x.level[f])-int(r.level) > 1:
		// more than one level step up
	case c.score < x.calib.Threshold:
	case (len(r.top) < r.limit || better(c, r.top[len(r.top)-1], x)) && !slices.Contains(r.self, f):
		r.top = insert(r.top, c, r.limit, x)
		if len(r.top) == r.limit {
			r.raise(r.top[r.limit-1].score)
		}
	}
}

// rankScratch is the per-fiche sums and official targets of one rank,
// and the items of its source, kept between calls.
type rankScratch struct {
	dot      []float32
	shared   []int16
	official []bool
	listed   []uint64
}

var rankScratches = sync.Pool{New: func() any { return new(rankScratch) }}

// listing returns a bit set of the items of set: bit it%64 of word it/64
// for item it, over all the items of the skills (Skills.Items).
func (sc *rankScratch) listing(set skillSet, items int) []uint64 {
	sc.listed = growClear(sc.listed, (items+63)/64)
	for _, it := range set.items {
		sc.listed[it/64] |= 1 << (it % 64)
	}
	return sc.listed
}

// growClear returns b with length n, zeroed, reusing its array.
func growClear[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// cmpCandidates orders candidates by score, best first, then by code.
func cmpCandidates(a, b candidate, x *skillIndex) int {
	if c := cmp.Compare(b.score, a.score); c != 0 {
		return c
	}
	return cmp.Compare(x.s.Fiches()[a.fiche], x.s.Fiches()[b.fiche])
}

func better(a, b candidate, x *skillIndex) bool { return cmpCandidates(a, b, x) < 0 }

// insert puts c into top, sorted best first, keeping at most limit.
func insert(top []candidate, c candidate, limit int, x *skillIndex) []candidate {
	i := len(top)
	for i > 0 && better(c, top[i-1], x) {
		i--
	}
	top = slices.Insert(top, i, c)
	if len(top) > limit {
		top = top[:limit]
	}
	return top
}

// levelStep returns to − from in steps of the scale, nil when either is
// not stated.
func levelStep(from, to graph.Level) *int {
	if from == graph.LevelNone || to == graph.LevelNone {
		return nil
	}
	d := int(to) - int(from)
	return &d
}

// suggested turns a candidate into its document; listed has the bits of
// the source's items set (rankScratch.listing).
func (x *skillIndex) suggested(g *graph.Graph, kind string, listed []uint64, level graph.Level, c candidate) SuggestedJob {
	id := x.s.Fiches()[c.fiche]
	d := SuggestedJob{Kind: kind, Score: round4(c.score), Threshold: round4(x.calib.Threshold), Shared: c.shared,
		Missing: int(x.skills[c.fiche]) - c.shared, LevelStep: levelStep(level, x.level[c.fiche])}
	if x.node[c.fiche] >= 0 { // the fiche's node in g: no lookup by ID
		d.JobSummary = Summary(g.Node(x.node[c.fiche]))
	} else {
		d.JobSummary = JobSummary{Node: Node{ID: id, Title: string(id), Kind: graph.KindJob}}
	}
	for _, it := range x.principal[x.principalOff[c.fiche]:x.principalOff[c.fiche+1]] {
		if listed[it/64]&(1<<(it%64)) == 0 {
			d.MissingCore++
		}
	}
	return d
}

func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// SuggestedArc is a move a path search may follow when its caller asks
// for suggestions (types=suggestion): from a fiche to a fiche Suggest
// lists for it. Every step that follows one must say "kind":
// "suggestion" with Score and Threshold.
type SuggestedArc struct {
	Node      int32 // the target node of g
	Score     float64
	Threshold float64
}

type suggestionArcsKey struct{ s *graph.Skills }

// SuggestionArcs returns, indexed by node of g, the suggested moves from
// every fiche of g: the DefaultSuggestions best of Suggest, in its order
// (other nodes have none; a métier reaches its fiches by the bridge). It
// is built on the first call, about one Suggest per fiche, and kept with
// g. The slices must not be modified.
func SuggestionArcs(g *graph.Graph, s *graph.Skills) [][]SuggestedArc {
	return g.Memo(suggestionArcsKey{s}, func() any {
		x := skillIndexOf(g, s, Similarity)
		sc := new(rankScratch)
		out := make([][]SuggestedArc, g.Len())
		for f, node := range x.node {
			if node < 0 {
				continue
			}
			fiches := []int32{int32(f)}
			top, _ := x.rank(sc, g, g.Node(node), setOf(s, fiches), fiches, DefaultSuggestions)
			for _, c := range top {
				if x.node[c.fiche] >= 0 {
					out[node] = append(out[node], SuggestedArc{Node: x.node[c.fiche], Score: round4(c.score), Threshold: round4(x.calib.Threshold)})
				}
			}
		}
		return out
	}).([][]SuggestedArc)
}
