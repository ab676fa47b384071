package pathways

import (
	"slices"

	"github.com/pathways-fr/pathways/graph"
)

// ComparedJob is one job of a comparison.
type ComparedJob struct {
	JobSummary
	Fiches []FicheRef  `json:"fiches"` // shared between answers: never modify it
	Counts SkillCounts `json:"counts"`
}

// SharedSkill is a skill every compared job lists, with the jobs for
// which it is a core skill. Its document is that of a job giving it the
// highest core (a copy without the fiches when a métier's names them).
type SharedSkill struct {
	*SkillDoc               // shared between answers: never modify it
	CoreIn    []graph.JobID `json:"core_in"` // jobs whose fiches mark it « Principale »
}

// ComparedPair is what two of the compared jobs share, and the official
// moves between them.
type ComparedPair struct {
	A         graph.JobID `json:"a"`
	B         graph.JobID `json:"b"`
	Score     float64     `json:"score"` // the similarity of Suggest
	Threshold float64     `json:"threshold"`
	Shared    int         `json:"shared"`
	OnlyA     int         `json:"only_a"`
	OnlyB     int         `json:"only_b"`
	LevelStep *int        `json:"level_step,omitempty"` // B's level minus A's
	Links     []EdgeDoc   `json:"links"`                // official edges A → B and B → A
}

// Comparison is the document of `compare` and /api/compare.
type Comparison struct {
	Jobs   []ComparedJob  `json:"jobs"`
	Shared []SharedSkill  `json:"shared"` // skills of every job
	Only   [][]*SkillDoc  `json:"only"`   // Only[k]: skills of Jobs[k] that no other job lists; shared between answers: never modify them
	Pairs  []ComparedPair `json:"pairs"`  // every pair, in the order of the jobs
	Method string         `json:"method"`
	Source string         `json:"source"`
}

// Compare compares the skills of two or three jobs (fiches, or métiers
// through their bridged fiches): the skills all share, those only one
// lists, and for every pair its similarity, counts and official links.
// Work contexts are not skills and are left out. Errors are as SkillsOf's;
// fewer than two jobs, more than three or a job given twice are an *Error
// wrapping ErrBadQuery.
func Compare(g *graph.Graph, s *graph.Skills, b Bridge, ids []string) (Comparison, error) {
	if len(ids) < 2 || len(ids) > 3 {
		return Comparison{}, badQuery(CodeInvalid, "comparer demande deux ou trois métiers, pas %d", len(ids))
	}
	x := skillIndexOf(g, s, Similarity)
	var views [3]*skillView
	var nodes [3]int32
	out := Comparison{Method: Method, Source: x.source, Jobs: make([]ComparedJob, 0, len(ids))}
	for k, id := range ids {
		if slices.Contains(ids[:k], id) {
			return Comparison{}, badQuery(CodeInvalid, "« %s » est donné deux fois", id)
		}
		fiches, err := jobFiches(g, s, b, id)
		if err != nil {
			return Comparison{}, err
		}
		views[k] = x.view(g, fiches)
		nodes[k], _ = g.Index(graph.JobID(id))
		out.Jobs = append(out.Jobs, ComparedJob{JobSummary: Summary(g.Node(nodes[k])), Fiches: views[k].fiches, Counts: views[k].counts})
	}
	vs := views[:len(ids)]
	in := membership(vs)
	out.Shared, out.Only = shared(out.Jobs, vs, in), onlyIn(vs, in)
	out.Pairs = make([]ComparedPair, 0, len(ids)*(len(ids)-1)/2)
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			out.Pairs = append(out.Pairs, pair(g, x, [2]int32{nodes[i], nodes[j]}, vs[i].set, vs[j].set, in[i], j))
		}
	}
	return out, nil
}

// skillsOnly drops the work contexts of set.
func skillsOnly(x *skillIndex, set skillSet) skillSet {
	out := skillSet{fiches: set.fiches, items: make([]int32, 0, len(set.items)), core: make([]graph.Core, 0, len(set.items))}
	for k, it := range set.items {
		if x.idf[it] == 0 && x.s.Item(it).Kind == graph.KindContext {
			continue
		}
		out.items, out.core = append(out.items, it), append(out.core, set.core[k])
		if set.from != nil {
			out.from = append(out.from, set.from[k])
		}
	}
	return out
}

// skillView is a job's skills, work contexts left out, with their
// documents and their display order. The view of one fiche is built once
// and shared by every query (the graph and the skills never change):
// answers point to its documents, which are never modified once built.
type skillView struct {
	set    skillSet
	docs   []SkillDoc // docs[p]: the document of set's item p
	ord    []int32    // positions in set, in display order
	fiches []FicheRef
	counts SkillCounts
}

// view returns the view of the skills of fiches; g is x's graph.
func (x *skillIndex) view(g *graph.Graph, fiches []int32) *skillView {
	if len(fiches) != 1 {
		return x.newView(g, fiches)
	}
	p := &x.views[fiches[0]]
	if v := p.Load(); v != nil {
		return v
	}
	v := x.newView(g, fiches)
	if !p.CompareAndSwap(nil, v) {
		return p.Load()
	}
	return v
}

func (x *skillIndex) newView(g *graph.Graph, fiches []int32) *skillView {
	set := skillsOnly(x, setOf(x.s, fiches))
	v := &skillView{set: set, docs: make([]SkillDoc, len(set.items)), ord: x.order(set, set.all(), false), fiches: ficheRefs(g, x, fiches)}
	for p, c := range set.core {
		v.docs[p] = set.doc(x.s, p)
		v.counts.add(c)
	}
	return v
}

// contains reports whether a set lists item it (sets are by item).
func (set skillSet) contains(it int32) (int, bool) { return slices.BinarySearch(set.items, it) }

// membership returns, for each item of each view, the views that list
// it, one bit per view: one merge of their sets, which are by item.
func membership(views []*skillView) (in [3][]uint8) {
	var at [3]int // the next item of each set; Compare takes at most three
	n := 0
	for _, v := range views {
		n += len(v.set.items)
	}
	flat := make([]uint8, n) // every list in one array
	for k, v := range views {
		m := len(v.set.items)
		in[k], flat = flat[:m:m], flat[m:]
	}
	for {
		least, found := int32(0), false
		for k, v := range views {
			if at[k] < len(v.set.items) && (!found || v.set.items[at[k]] < least) {
				least, found = v.set.items[at[k]], true
			}
		}
		if !found {
			return in
		}
		var m uint8
		for k, v := range views {
			if at[k] < len(v.set.items) && v.set.items[at[k]] == least {
				m |= 1 << k
			}
		}
		for k := range views {
			if m&(1<<k) != 0 {
				in[k][at[k]] = m
				at[k]++
			}
		}
	}
}

// shared returns the skills every view lists, in the display order of
// the first; in is their membership. Each points to the document of a
// view giving it the highest core; one naming its fiches is copied
// without them.
func shared(jobs []ComparedJob, views []*skillView, in [3][]uint8) []SharedSkill {
	every := uint8(1)<<len(views) - 1
	n := 0
	for _, m := range in[0] {
		if m == every {
			n++
		}
	}
	out := make([]SharedSkill, 0, n)
	coreIn := make([]graph.JobID, 0, n*len(views)) // every CoreIn, in one array
	first := views[0]
	for _, p := range first.ord {
		if in[0][p] != every {
			continue
		}
		var doc *SkillDoc
		start := len(coreIn)
		for j, v := range views {
			q, _ := v.set.contains(first.set.items[p])
			if v.set.core[q] == graph.CorePrincipal {
				coreIn = append(coreIn, jobs[j].ID)
			}
			if doc == nil || coreRank(v.set.core[q]) > coreRank(doc.Core) {
				doc = &v.docs[q]
			}
		}
		if doc.Fiches != nil {
			c := *doc
			c.Fiches, doc = nil, &c
		}
		out = append(out, SharedSkill{SkillDoc: doc, CoreIn: coreIn[start:len(coreIn):len(coreIn)]})
	}
	return out
}

// onlyIn returns, for each view, its skills that no other view lists,
// in display order (all lists in one array); in is their membership.
func onlyIn(views []*skillView, in [3][]uint8) [][]*SkillDoc {
	n := 0
	for k := range views {
		for _, m := range in[k] {
			if m == 1<<k {
				n++
			}
		}
	}
	all, out := make([]*SkillDoc, 0, n), make([][]*SkillDoc, len(views))
	for k, v := range views {
		start := len(all)
		for _, p := range v.ord {
			if in[k][p] == 1<<k {
				all = append(all, &v.docs[p])
			}
		}
		out[k] = all[start:len(all):len(all)]
	}
	return out
}

// pair compares the jobs of nodes ab; inA is the membership of sa's
// items, sb is set number j.
func pair(g *graph.Graph, x *skillIndex, ab [2]int32, sa, sb skillSet, inA []uint8, j int) ComparedPair {
	a, b := g.Node(ab[0]), g.Node(ab[1])
	p := ComparedPair{A: a.ID, B: b.ID, Score: round4(x.similarity(sa, sb)), Threshold: round4(x.calib.Threshold), Links: []EdgeDoc{}}
	for _, m := range inA {
		if m&(1<<j) != 0 {
			p.Shared++
		}
	}
	p.OnlyA, p.OnlyB = len(sa.items)-p.Shared, len(sb.items)-p.Shared
	p.LevelStep = levelStep(a.Level, b.Level)
	for _, ends := range [][2]int32{ab, {ab[1], ab[0]}} {
		for _, arc := range g.Out(ends[0]) {
			if arc.Node == ends[1] {
				e := g.Edge(arc.Edge)
				d := EdgeDoc{From: e.From, To: e.To, Type: e.Type, Source: e.Source, edge: arc.Edge}
				if len(e.Evidence) > 0 {
					d.Evidence, d.Match = e.Evidence[0].Text, e.Evidence[0].Match
				}
				p.Links = append(p.Links, d)
			}
		}
	}
	return p
}
