package pathways

import (
	"slices"

	"github.com/pathways-fr/pathways/graph"
)

// ComparedJob is one job of a comparison.
type ComparedJob struct {
	JobSummary
	Fiches []FicheRef  `json:"fiches"`
	Counts SkillCounts `json:"counts"`
}

// SharedSkill is a skill every compared job lists, with the jobs for
// which it is a core skill.
type SharedSkill struct {
	SkillDoc
	CoreIn []graph.JobID `json:"core_in"` // jobs whose fiches mark it « Principale »
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
	Only   [][]SkillDoc   `json:"only"`   // Only[k]: skills of Jobs[k] that no other job lists
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
	sets := make([]skillSet, len(ids))
	out := Comparison{Method: Method, Source: skillSource(s), Shared: []SharedSkill{}}
	for k, id := range ids {
		if slices.Contains(ids[:k], id) {
			return Comparison{}, badQuery(CodeInvalid, "« %s » est donné deux fois", id)
		}
		fiches, err := jobFiches(g, s, b, id)
		if err != nil {
			return Comparison{}, err
		}
		sets[k] = skillsOnly(x, setOf(s, fiches))
		var c SkillCounts
		for _, core := range sets[k].core {
			c.add(core)
		}
		out.Jobs = append(out.Jobs, ComparedJob{JobSummary: Summary(g.Job(graph.JobID(id))), Fiches: ficheRefs(g, s, fiches), Counts: c})
	}
	in := membership(sets)
	out.Shared, out.Only = shared(x, out.Jobs, sets, in), make([][]SkillDoc, len(ids))
	for k := range sets {
		out.Only[k] = onlyIn(x, sets, in, k)
	}
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			out.Pairs = append(out.Pairs, pair(g, x, out.Jobs[i], out.Jobs[j], sets[i], sets[j], in[i], j))
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

// contains reports whether a set lists item it (sets are by item).
func (set skillSet) contains(it int32) (int, bool) { return slices.BinarySearch(set.items, it) }

// membership returns, for each item of each set, the sets that list it,
// one bit per set: one merge of the sets, which are by item.
func membership(sets []skillSet) [][]uint8 {
	in := make([][]uint8, len(sets))
	at := make([]int, len(sets)) // the next item of each set
	for k := range sets {
		in[k] = make([]uint8, len(sets[k].items))
	}
	for {
		least, found := int32(0), false
		for k, set := range sets {
			if at[k] < len(set.items) && (!found || set.items[at[k]] < least) {
				least, found = set.items[at[k]], true
			}
		}
		if !found {
			return in
		}
		var m uint8
		for k, set := range sets {
			if at[k] < len(set.items) && set.items[at[k]] == least {
				m |= 1 << k
			}
		}
		for k := range sets {
			if m&(1<<k) != 0 {
				in[k][at[k]] = m
				at[k]++
			}
		}
	}
}

func shared(x *skillIndex, jobs []ComparedJob, sets []skillSet, in [][]uint8) []SharedSkill {
	var pos []int32
	every := uint8(1)<<len(sets) - 1
	for k, m := range in[0] {
		if m == every {
			pos = append(pos, int32(k))
		}
	}
	out := make([]SharedSkill, 0, len(pos))
	coreIn := make([]graph.JobID, 0, len(pos)*len(sets)) // every CoreIn, in one array
	for _, k := range x.order(sets[0], pos, false) {
		sk := SharedSkill{SkillDoc: sets[0].doc(x.s, int(k))}
		sk.Fiches = nil
		start := len(coreIn)
		for j, set := range sets {
			p, _ := set.contains(sets[0].items[k])
			if set.core[p] == graph.CorePrincipal {
				coreIn = append(coreIn, jobs[j].ID)
			}
			if coreRank(set.core[p]) > coreRank(sk.Core) {
				sk.Core = set.core[p]
			}
		}
		sk.CoreIn = coreIn[start:len(coreIn):len(coreIn)]
		out = append(out, sk)
	}
	return out
}

// onlyIn returns the skills of sets[k] that no other set lists; in is
// their membership.
func onlyIn(x *skillIndex, sets []skillSet, in [][]uint8, k int) []SkillDoc {
	var pos []int32
	for i, m := range in[k] {
		if m == 1<<k {
			pos = append(pos, int32(i))
		}
	}
	return x.docs(sets[k], pos, false)
}

// pair compares jobs a and b; inA is the membership of sa's items, b is
// set number j.
func pair(g *graph.Graph, x *skillIndex, a, b ComparedJob, sa, sb skillSet, inA []uint8, j int) ComparedPair {
	p := ComparedPair{A: a.ID, B: b.ID, Score: round4(x.similarity(sa, sb)), Threshold: round4(x.calib.Threshold), Links: []EdgeDoc{}}
	for _, m := range inA {
		if m&(1<<j) != 0 {
			p.Shared++
		}
	}
	p.OnlyA, p.OnlyB = len(sa.items)-p.Shared, len(sb.items)-p.Shared
	p.LevelStep = levelStep(g.Job(a.ID).Level, g.Job(b.ID).Level)
	ia, _ := g.Index(a.ID)
	ib, _ := g.Index(b.ID)
	for _, ends := range [][2]int32{{ia, ib}, {ib, ia}} {
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
