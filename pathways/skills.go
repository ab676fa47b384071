package pathways

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/pathways-fr/pathways/graph"
)

// CodeNoSkills is the error code of a job that has no ROME 4.0 fiche, so
// no skills: a métier the bridge links to no fiche, an external role, a
// level.
const CodeNoSkills = "no_skills"

// Bridge maps a métier of the repertoire to the ROME 4.0 fiches it is
// linked to (data/bridge-rome4.json), in the bridge's order. A métier's
// skills are those of its fiches.
type Bridge map[graph.JobID][]graph.JobID

// SkillDoc is one skill (or work context) of a job.
type SkillDoc struct {
	Code        string          `json:"code"` // code_ogr
	Label       string          `json:"label"`
	Kind        graph.SkillKind `json:"kind"`
	Category    string          `json:"category,omitempty"`
	Subcategory string          `json:"subcategory,omitempty"`
	Macro       bool            `json:"macro,omitempty"` // a macro-compétence
	Core        graph.Core      `json:"core,omitempty"`  // "principale" or "emergente"; "" for an ordinary skill
	// Fiches lists, for a job whose skills come from several fiches, the
	// fiches that list the skill.
	Fiches []graph.JobID `json:"fiches,omitempty"`
	item   int32
}

// SkillGroup is the skills of one kind and category, core skills first.
type SkillGroup struct {
	Kind     graph.SkillKind `json:"kind"`
	Category string          `json:"category"`
	Skills   []SkillDoc      `json:"skills"`
}

// SkillCounts counts the skills of a list.
type SkillCounts struct {
	Total     int `json:"total"`
	Principal int `json:"principal"` // « Principale »
	Emerging  int `json:"emerging"`  // « Émergente »
}

// FicheRef names a ROME 4.0 fiche skills come from.
type FicheRef struct {
	ID    graph.JobID `json:"id"`
	Title string      `json:"title,omitempty"`
}

// JobSkills is the document of a job's skills (in `show` and
// /api/jobs/:id under "skills").
type JobSkills struct {
	Job      graph.JobID  `json:"job"`
	Fiches   []FicheRef   `json:"fiches"` // the job itself for a fiche, its bridged fiches for a métier
	Source   string       `json:"source"`
	Counts   SkillCounts  `json:"counts"`   // skills, work contexts left out
	Groups   []SkillGroup `json:"groups"`   // savoir-faire, savoir-être, savoirs; by category
	Contexts []SkillDoc   `json:"contexts"` // work contexts: not skills
}

// skillSet is the items of a job: the union of its fiches' rows, by item
// number, each with its highest core and the fiches that list it.
type skillSet struct {
	fiches []int32 // fiche numbers of s
	items  []int32
	core   []graph.Core
	from   [][]int32 // when len(fiches) > 1: the fiches listing each item
}

// jobFiches returns the fiche numbers behind a job of g: the job itself
// when it is a fiche, else its bridged fiches.
func jobFiches(g *graph.Graph, s *graph.Skills, b Bridge, id string) ([]int32, error) {
	if err := checkText(id); err != nil {
		return nil, err
	}
	if g.Job(graph.JobID(id)) == nil {
		return nil, unknownJob(id, nil)
	}
	if f, ok := s.FicheIndex(graph.JobID(id)); ok {
		return []int32{f}, nil
	}
	var out []int32
	for _, code := range b[graph.JobID(id)] {
		if f, ok := s.FicheIndex(code); ok && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, &Error{Code: CodeNoSkills, Err: ErrBadQuery,
			Message: "« " + id + " » n’est liée à aucune fiche ROME 4.0 : ses compétences ne sont pas connues"}
	}
	return out, nil
}

// setOf merges the rows of fiches into one skill set.
func setOf(s *graph.Skills, fiches []int32) skillSet {
	if len(fiches) == 1 {
		rows := s.Of(fiches[0])
		set := skillSet{fiches: fiches, items: make([]int32, len(rows)), core: make([]graph.Core, len(rows))}
		for i, r := range rows {
			set.items[i], set.core[i] = r.Item, r.Core
		}
		return set
	}
	core := map[int32]graph.Core{}
	from := map[int32][]int32{}
	for _, f := range fiches {
		for _, r := range s.Of(f) {
			core[r.Item] = max(core[r.Item], coreRank(r.Core))
			from[r.Item] = append(from[r.Item], f)
		}
	}
	set := skillSet{fiches: fiches, items: slices.Sorted(mapKeys(from))}
	for _, it := range set.items {
		set.core = append(set.core, rankCore(core[it]))
		set.from = append(set.from, from[it])
	}
	return set
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// coreRank orders cores for a merge: principale above emergente above
// none. rankCore is its inverse.
func coreRank(c graph.Core) graph.Core {
	switch c {
	case graph.CorePrincipal:
		return 2
	case graph.CoreEmerging:
		return 1
	}
	return 0
}

func rankCore(r graph.Core) graph.Core {
	return [...]graph.Core{graph.CoreNone, graph.CoreEmerging, graph.CorePrincipal}[r]
}

// doc returns the document of item k of set.
func (set skillSet) doc(s *graph.Skills, k int) SkillDoc {
	it := s.Item(set.items[k])
	d := SkillDoc{Code: it.Code, Label: it.Label, Kind: it.Kind, Category: it.Category, Subcategory: it.Subcategory,
		Macro: it.Macro, Core: set.core[k], item: set.items[k]}
	if set.from != nil {
		for _, f := range set.from[k] {
			d.Fiches = append(d.Fiches, s.Fiches()[f])
		}
	}
	return d
}

// kindOrder is the order kinds are listed in.
var kindOrder = map[graph.SkillKind]int{graph.KindKnowHow: 0, graph.KindSoftSkill: 1, graph.KindKnowledge: 2, graph.KindContext: 3}

// docs returns the documents of the items of set at positions pos, in
// display order: by kind, category, core first (principale, then
// emergente), label and code; with coreFirst, core skills before all
// others, then in that order (the order of a gap).
func (x *skillIndex) docs(set skillSet, pos []int32, coreFirst bool) []SkillDoc {
	pos = x.order(set, pos, coreFirst)
	out := make([]SkillDoc, len(pos))
	for i, p := range pos {
		out[i] = set.doc(x.s, int(p))
	}
	return out
}

// order sorts the positions pos of items of set in the order of docs, in
// place, and returns them.
func (x *skillIndex) order(set skillSet, pos []int32, coreFirst bool) []int32 {
	type keyed struct {
		key uint64
		pos int32
	}
	ks := make([]keyed, len(pos))
	for i, p := range pos {
		it := set.items[p]
		cr := uint64(2 - coreRank(set.core[p]))
		g, l := uint64(x.group[it]), uint64(x.label[it])
		if coreFirst {
			ks[i] = keyed{cr<<62 | g<<31 | l, p}
		} else {
			ks[i] = keyed{g<<33 | cr<<31 | l, p}
		}
	}
	slices.SortFunc(ks, func(a, b keyed) int { return cmp.Compare(a.key, b.key) })
	for i, k := range ks {
		pos[i] = k.pos
	}
	return pos
}

// all returns the positions 0..len(set.items)-1.
func (set skillSet) all() []int32 {
	out := make([]int32, len(set.items))
	for i := range out {
		out[i] = int32(i)
	}
	return out
}

// displayRanks returns, per item of s, the rank of its (kind, category)
// and of its (label, code) in display order.
func displayRanks(s *graph.Skills) (group, label []int32) {
	n := s.Items()
	type kc struct {
		kind int
		cat  string
	}
	groups := map[kc]int32{}
	group, label = make([]int32, n), make([]int32, n)
	for i := range n {
		it := s.Item(int32(i))
		groups[kc{kindOrder[it.Kind], it.Category}] = 0
	}
	keys := slices.SortedFunc(mapKeys(groups), func(a, b kc) int { return cmp.Or(cmp.Compare(a.kind, b.kind), strings.Compare(a.cat, b.cat)) })
	for r, k := range keys {
		groups[k] = int32(r)
	}
	// Labels are compared by their first 14 bytes as two integers first,
	// which orders them as strings.Compare does, at a fraction of its cost.
	type keyed struct {
		hi, lo uint64
		i      int32
	}
	order := make([]keyed, n)
	for i := range n {
		it := s.Item(int32(i))
		group[i] = groups[kc{kindOrder[it.Kind], it.Category}]
		var b [16]byte
		copy(b[:], it.Label)
		// hi: the group, then bytes 0–5 of the label; lo: bytes 6–13.
		order[i] = keyed{uint64(group[i])<<48 | binary.BigEndian.Uint64(b[:8])>>16, binary.BigEndian.Uint64(b[6:14]), int32(i)}
	}
	slices.SortFunc(order, func(a, b keyed) int {
		if c := cmp.Or(cmp.Compare(a.hi, b.hi), cmp.Compare(a.lo, b.lo)); c != 0 {
			return c
		}
		x, y := s.Item(a.i), s.Item(b.i)
		return cmp.Or(strings.Compare(x.Label, y.Label), strings.Compare(x.Code, y.Code))
	})
	for r, k := range order {
		label[k.i] = int32(r)
	}
	return group, label
}

// count counts skills (not work contexts) and their cores.
func count(docs []SkillDoc) SkillCounts {
	var c SkillCounts
	for _, d := range docs {
		if d.Kind != graph.KindContext {
			c.add(d.Core)
		}
	}
	return c
}

func (c *SkillCounts) add(core graph.Core) {
	c.Total++
	switch core {
	case graph.CorePrincipal:
		c.Principal++
	case graph.CoreEmerging:
		c.Emerging++
	}
}

// groupSkills splits skills, sorted by cmpSkills, into groups of one kind and
// category; work contexts are left out.
func groupSkills(docs []SkillDoc) []SkillGroup {
	out := []SkillGroup{}
	for _, d := range docs {
		if d.Kind == graph.KindContext {
			continue
		}
		if n := len(out); n == 0 || out[n-1].Kind != d.Kind || out[n-1].Category != d.Category {
			out = append(out, SkillGroup{Kind: d.Kind, Category: d.Category})
		}
		out[len(out)-1].Skills = append(out[len(out)-1].Skills, d)
	}
	return out
}

func skillSource(s *graph.Skills) string {
	return fmt.Sprintf("France Travail — ROME 4.0 (v%s), %s", s.Version, s.File)
}

// SkillsOf returns the skills of a job of g: a ROME 4.0 fiche's own, or
// the skills of the fiches a métier is bridged to, each naming the fiches
// that list it. s holds the skills of the release g's fiches come from; b
// may be nil when g has no métiers. An ID absent from g is an *Error
// wrapping ErrUnknownJob; a job with no fiche is an *Error with code
// CodeNoSkills wrapping ErrBadQuery.
func SkillsOf(g *graph.Graph, s *graph.Skills, b Bridge, id string) (JobSkills, error) {
	fiches, err := jobFiches(g, s, b, id)
	if err != nil {
		return JobSkills{}, err
	}
	set, x := setOf(s, fiches), skillIndexOf(g, s, Similarity)
	docs := x.docs(set, set.all(), false)
	out := JobSkills{Job: graph.JobID(id), Source: x.source, Counts: count(docs), Groups: groupSkills(docs), Contexts: []SkillDoc{}}
	for _, d := range docs {
		if d.Kind == graph.KindContext {
			out.Contexts = append(out.Contexts, d)
		}
	}
	out.Fiches = ficheRefs(g, x, fiches)
	return out, nil
}

// ficheRefs names the fiches of x, their titles read from their nodes in
// g (x is g's skill index).
func ficheRefs(g *graph.Graph, x *skillIndex, fiches []int32) []FicheRef {
	out := make([]FicheRef, len(fiches))
	for i, f := range fiches {
		out[i] = FicheRef{ID: x.s.Fiches()[f]}
		if n := x.node[f]; n >= 0 {
			out[i].Title = g.Node(n).Title
		}
	}
	return out
}
