package pathways

import (
	"math"
	"slices"
	"sync/atomic"

	"github.com/pathways-fr/pathways/graph"
)

// SimilarityWeights are the parameters of the skill similarity: a cosine
// of item vectors where an item weighs its inverse document frequency,
// log(fiches / fiches listing it), times a factor for core items.
type SimilarityWeights struct {
	IDF       bool    // weigh items by inverse document frequency (else 1)
	Principal float64 // factor of a « Principale » item
	Emerging  float64 // factor of an « Émergente » item
	// Implied is the factor of the macro-compétence a fiche's compétence
	// hangs under when the fiche does not list it itself; 0 leaves it out.
	Implied float64
}

// coreImplied marks, in a set expanded by expand, a macro-compétence that
// only the compétences under it imply.
const coreImplied graph.Core = 255

// Similarity is the method Suggest, Compare and StepGap score with, chosen
// by the recall of official mobilities it gives (docs/SKILLS.md).
var Similarity = SimilarityWeights{IDF: true, Principal: 1, Emerging: 1, Implied: 0.5}

// Calibration is the threshold of suggestions and how it was computed, as
// Nesta's Mapping Career Causeways does: the mean similarity of two
// fiches of one parent group (a parent fiche and the finer fiches under
// it, code_rome_parent) minus one standard deviation.
type Calibration struct {
	Groups    int     `json:"groups"` // parent groups with at least two fiches
	Pairs     int     `json:"pairs"`  // pairs of fiches inside them
	Mean      float64 `json:"mean"`
	SD        float64 `json:"sd"`
	Threshold float64 `json:"threshold"` // Mean − SD
}

type posting struct {
	fiche int32
	w     float32 // the item's weight in the fiche
	// listed is 1 when the fiche lists the item, 0 for a macro-compétence
	// it does not list itself: a count of shared skills adds it.
	listed int16
}

// skillIndex is what the similarity needs of s and g, built once per pair.
type skillIndex struct {
	s       *graph.Skills
	w       SimilarityWeights
	idf     []float32 // per item; 0 for work contexts, which are not skills
	postOff []int32   // postings of item i: post[postOff[i]:postOff[i+1]], skills only
	post    []posting
	norm    []float32     // per fiche
	skills  []int32       // per fiche: number of skills
	node    []int32       // per fiche: node in g, -1 if absent
	level   []graph.Level // per fiche, from g
	calib   Calibration
	sets    []skillSet                  // per fiche: its items expanded by expand
	views   []atomic.Pointer[skillView] // per fiche, built on first use
	source  string                      // the skills' source, as documents cite it
	// Display order: rank of each item's kind and category, and of its
	// label, see cmpSkills.
	group, label []int32
	// The « Principale » skills of fiche f, by item number, are
	// principal[principalOff[f]:principalOff[f+1]].
	principal, principalOff []int32
}

type skillIndexKey struct {
	s *graph.Skills
	w SimilarityWeights
}

// skillIndexOf returns the similarity index of s on g, built on first use and
// kept with g.
func skillIndexOf(g *graph.Graph, s *graph.Skills, w SimilarityWeights) *skillIndex {
	return g.Memo(skillIndexKey{s, w}, func() any { return newSkillIndex(g, s, w) }).(*skillIndex)
}

func newSkillIndex(g *graph.Graph, s *graph.Skills, w SimilarityWeights) *skillIndex {
	n := len(s.Fiches())
	x := &skillIndex{s: s, w: w, idf: make([]float32, s.Items()), postOff: make([]int32, s.Items()+1),
		norm: make([]float32, n), skills: make([]int32, n), node: make([]int32, n), level: make([]graph.Level, n)}
	for i := range x.idf {
		it := s.Item(int32(i))
		df := len(s.Listing(int32(i)))
		switch {
		case it.Kind == graph.KindContext || df == 0:
		case w.IDF:
			x.idf[i] = float32(math.Log(float64(n) / float64(df)))
		default:
			x.idf[i] = 1
		}
	}
	// Postings are counted over the expanded sets.
	sets := make([]skillSet, n)
	for f := range n {
		sets[f] = x.expand(setOf(s, []int32{int32(f)}))
		for k, it := range sets[f].items {
			if x.weight(it, sets[f].core[k]) > 0 {
				x.postOff[it+1]++
			}
		}
	}
	for i := range s.Items() {
		x.postOff[i+1] += x.postOff[i]
	}
	x.post = make([]posting, x.postOff[len(x.postOff)-1])
	next := append([]int32(nil), x.postOff[:s.Items()]...)
	for f := range n {
		var sum float64
		set := sets[f]
		for k, it := range set.items {
			wt := x.weight(it, set.core[k])
			if wt == 0 {
				continue
			}
			if set.core[k] != coreImplied {
				x.skills[f]++
			}
			sum += float64(wt) * float64(wt)
			x.post[next[it]] = posting{int32(f), wt, 1}
			if set.core[k] == coreImplied {
				x.post[next[it]].listed = 0
			}
			next[it]++
		}
		x.norm[f] = float32(math.Sqrt(sum))
		x.node[f] = -1
		if i, ok := g.Index(s.Fiches()[f]); ok {
			x.node[f], x.level[f] = i, g.Node(i).Level
		}
	}
	x.principalOff = make([]int32, n+1)
	for f := range n {
		for _, r := range s.Of(int32(f)) {
			if r.Core == graph.CorePrincipal && x.idf[r.Item] > 0 {
				x.principal = append(x.principal, r.Item)
			}
		}
		x.principalOff[f+1] = int32(len(x.principal))
	}
	x.calib = x.calibrate(sets)
	x.sets = sets
	x.views = make([]atomic.Pointer[skillView], n)
	x.source = skillSource(s)
	x.group, x.label = displayRanks(s)
	return x
}

// weight returns the weight of an item with the given core.
func (x *skillIndex) weight(item int32, c graph.Core) float32 {
	wt := x.idf[item]
	switch c {
	case graph.CorePrincipal:
		wt *= float32(x.w.Principal)
	case graph.CoreEmerging:
		wt *= float32(x.w.Emerging)
	case coreImplied:
		wt *= float32(x.w.Implied)
	}
	return wt
}

// scores accumulates the dot product of set with every fiche, and the
// number of skills they share, into dot and shared (one entry per fiche,
// zeroed by the caller); it returns the norm of set.
func (x *skillIndex) scores(set skillSet, dot []float32, shared []int16) float32 {
	set = x.expanded(set)
	var sum float64
	for k, it := range set.items {
		wa := x.weight(it, set.core[k])
		if wa == 0 {
			continue
		}
		sum += float64(wa) * float64(wa)
		ps := x.post[x.postOff[it]:x.postOff[it+1]]
		if set.core[k] == coreImplied {
			for _, p := range ps {
				dot[p.fiche] += wa * p.w
			}
			continue
		}
		for _, p := range ps {
			dot[p.fiche] += wa * p.w
			shared[p.fiche] += p.listed
		}
	}
	return float32(math.Sqrt(sum))
}

// similarity returns the cosine of two skill sets.
func (x *skillIndex) similarity(a, b skillSet) float64 {
	a, b = x.expanded(a), x.expanded(b)
	var dot, na, nb float64
	i, j := 0, 0
	for i < len(a.items) || j < len(b.items) {
		switch {
		case j == len(b.items) || (i < len(a.items) && a.items[i] < b.items[j]):
			w := float64(x.weight(a.items[i], a.core[i]))
			na += w * w
			i++
		case i == len(a.items) || b.items[j] < a.items[i]:
			w := float64(x.weight(b.items[j], b.core[j]))
			nb += w * w
			j++
		default:
			wa, wb := float64(x.weight(a.items[i], a.core[i])), float64(x.weight(b.items[j], b.core[j]))
			dot, na, nb = dot+wa*wb, na+wa*wa, nb+wb*wb
			i, j = i+1, j+1
		}
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// calibrate computes the threshold over the parent groups of the fiches
// (Skills.Parent); sets are the expanded sets of the fiches.
func (x *skillIndex) calibrate(sets []skillSet) Calibration {
	groups := map[graph.JobID][]int32{}
	for f := range x.s.Fiches() {
		p := x.s.Parent(int32(f))
		groups[p] = append(groups[p], int32(f))
	}
	var c Calibration
	var sum, sq float64
	for _, p := range slices.Sorted(mapKeys(groups)) { // one order: the same sums every time
		fs := groups[p]
		if len(fs) < 2 {
			continue
		}
		c.Groups++
		for i, a := range fs {
			for _, b := range fs[i+1:] {
				v := 0.0
				if n := float64(x.norm[a]) * float64(x.norm[b]); n > 0 {
					v = x.dot(sets[a], sets[b]) / n
				}
				sum, sq = sum+v, sq+v*v
				c.Pairs++
			}
		}
	}
	if c.Pairs == 0 {
		return c
	}
	c.Mean = sum / float64(c.Pairs)
	c.SD = math.Sqrt(max(0, sq/float64(c.Pairs)-c.Mean*c.Mean))
	c.Threshold = c.Mean - c.SD
	return c
}

// expanded returns set expanded by expand: for the set of one fiche (all
// its items, or all but its work contexts, which weigh nothing), the one
// the index keeps.
func (x *skillIndex) expanded(set skillSet) skillSet {
	if len(set.fiches) == 1 && x.sets != nil {
		return x.sets[set.fiches[0]]
	}
	return x.expand(set)
}

// expand adds to set the macro-compétences its compétences hang under and
// it does not list, marked coreImplied, when the weights give them one.
func (x *skillIndex) expand(set skillSet) skillSet {
	if x.w.Implied == 0 {
		return set
	}
	var extra []int32
	for _, it := range set.items {
		if m := x.s.Item(it).MacroItem; m >= 0 {
			if _, ok := set.contains(m); !ok && !slices.Contains(extra, m) {
				extra = append(extra, m)
			}
		}
	}
	if len(extra) == 0 {
		return set
	}
	out := skillSet{fiches: set.fiches, items: make([]int32, 0, len(set.items)+len(extra)), core: make([]graph.Core, 0, len(set.items)+len(extra))}
	slices.Sort(extra)
	i, j := 0, 0
	for i < len(set.items) || j < len(extra) {
		if j == len(extra) || (i < len(set.items) && set.items[i] < extra[j]) {
			out.items, out.core = append(out.items, set.items[i]), append(out.core, set.core[i])
			i++
		} else {
			out.items, out.core = append(out.items, extra[j]), append(out.core, coreImplied)
			j++
		}
	}
	return out
}

// dot returns the dot product of two expanded sets.
func (x *skillIndex) dot(a, b skillSet) float64 {
	var dot float64
	for i, j := 0, 0; i < len(a.items) && j < len(b.items); {
		switch {
		case a.items[i] < b.items[j]:
			i++
		case b.items[j] < a.items[i]:
			j++
		default:
			dot += float64(x.weight(a.items[i], a.core[i])) * float64(x.weight(b.items[j], b.core[j]))
			i, j = i+1, j+1
		}
	}
	return dot
}
