package graph

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	dg "github.com/dominikbraun/graph"
)

// Errors reported while building a graph.
var (
	ErrInvalid     = errors.New("jeu de données invalide")
	ErrDuplicateID = errors.New("identifiant en double")
	ErrDangling    = errors.New("arête vers un nœud inconnu")
)

// Severity grades a data-quality problem.
type Severity string

// The severities of a problem.
const (
	SeverityError   Severity = "error"   // the data cannot be loaded
	SeverityWarning Severity = "warning" // loaded, but the source is defective
	SeverityInfo    Severity = "info"    // a choice made while loading, for review
)

// Problem is one finding of the data-quality report.
type Problem struct {
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Job      JobID    `json:"job,omitempty"`
	Field    string   `json:"field,omitempty"`
	Message  string   `json:"message"`
	Quote    string   `json:"quote,omitempty"`
	Line     int      `json:"line,omitempty"` // the line of the source text the quote starts on, when located
}

// Arc is one entry of the adjacency index: the node at the other end and
// the edge that leads there.
type Arc struct {
	Node int32    // index of the node at the other end
	Edge int32    // index into Graph.Edges
	Type EdgeType // type of the edge
}

// Graph is an immutable career graph with its query index. Nodes are
// numbered 0..Len()-1 in increasing ID order, so that every search that
// breaks ties by node number is deterministic.
type Graph struct {
	Dataset  string
	Title    string
	Version  string
	Families []Family

	jobs     []*Job
	pos      map[JobID]int32
	edges    []Edge
	problems []Problem

	// Forward and reverse adjacency in compressed sparse row form: the arcs
	// of node i are arcs[off[i]:off[i+1]], sorted by node then type.
	fwdOff, revOff []int32
	fwd, rev       []Arc

	names     lazyNames // see index
	titleRank []int32   // rank of each node in the order of folded titles

	memo memo // see Memo
}

// TitleRank returns the rank of node i when nodes are sorted by title,
// accents and case folded; ties are broken by ID.
func (g *Graph) TitleRank(i int32) int32 { return g.titleRank[i] }

// Len returns the number of nodes.
func (g *Graph) Len() int { return len(g.jobs) }

// Node returns node i.
func (g *Graph) Node(i int32) *Job { return g.jobs[i] }

// Index returns the number of the node with the given ID.
func (g *Graph) Index(id JobID) (int32, bool) {
	i, ok := g.pos[id]
	return i, ok
}

// Job returns the node with the given ID, or nil.
func (g *Graph) Job(id JobID) *Job {
	if i, ok := g.pos[id]; ok {
		return g.jobs[i]
	}
	return nil
}

// Jobs returns every node in ID order. The slice must not be modified.
func (g *Graph) Jobs() []*Job { return g.jobs }

// Edges returns every edge, sorted by (From, To, Type). The slice must not
// be modified.
func (g *Graph) Edges() []Edge { return g.edges }

// Edge returns edge e.
func (g *Graph) Edge(e int32) *Edge { return &g.edges[e] }

// Out returns the arcs leaving node i, in increasing node order.
func (g *Graph) Out(i int32) []Arc { return g.fwd[g.fwdOff[i]:g.fwdOff[i+1]] }

// In returns the arcs entering node i, in increasing node order.
func (g *Graph) In(i int32) []Arc { return g.rev[g.revOff[i]:g.revOff[i+1]] }

// Problems returns the data-quality report made at load: defects of the
// source, choices made while resolving it, and what was left out.
func (g *Graph) Problems() []Problem { return g.problems }

// Family returns the family with the given id.
func (g *Graph) Family(id string) (Family, bool) {
	for _, f := range g.Families {
		if f.ID == id {
			return f, true
		}
	}
	return Family{}, false
}

// LevelID returns the node ID of a level.
func LevelID(l Level) JobID { return JobID("level-" + l.String()) }

// Builder collects nodes and edges into a dominikbraun/graph model and
// validates them. Build turns the model into an immutable Graph.
//
// The model keeps its data in a modelStore: the vertices by number and one
// entry per ordered pair, which is all the Builder asks of it, so that a
// repertoire of a million edges loads in seconds.
type Builder struct {
	Dataset, Title, Version string
	Families                []Family
	// Source is the source of the edges added from now on; NewBuilder
	// sets it to SourceOfDataset(dataset).
	Source Source

	model    dg.Graph[JobID, *Job]
	store    *modelStore
	edges    []builderEdge // typed edges, in the order added
	problems []Problem
	errs     []error
	seen     map[string]words // the words of the names seen, folded once
	nodes    chan *nodeIndex  // the index indexNodes makes
}

// words returns the Tokens and the Key of s, computed once per builder:
// a loader may read the same name several times.
func (b *Builder) words(s string) words {
	if w, ok := b.seen[s]; ok {
		return w
	}
	w := wordsOf(s)
	if b.seen == nil {
		b.seen = map[string]words{}
	}
	b.seen[s] = w
	return w
}

// key returns Key(s), as words does.
func (b *Builder) key(s string) string { return b.words(s).key }

// builderEdge is a typed edge being built: its ends by vertex number, in
// the order the vertices were added, and its evidence.
type builderEdge struct {
	from, to int32
	next     int32 // next typed edge of the same ordered pair, -1 for none
	typ      EdgeType
	src      Source
	ev       Evidence
	more     []Evidence
}

// NewBuilder returns an empty builder for a dataset.
func NewBuilder(dataset string) *Builder {
	st := newModelStore()
	return &Builder{
		Dataset: dataset,
		Source:  SourceOfDataset(dataset),
		model:   dg.NewWithStore(func(j *Job) JobID { return j.ID }, dg.Store[JobID, *Job](st), dg.Directed()),
		store:   st,
	}
}

// reserve makes room for about jobs nodes and edges edges.
func (b *Builder) reserve(jobs, edges int) {
	b.store.reserve(jobs)
	b.edges = slices.Grow(b.edges, edges)
}

// addEdgeBetween is AddEdge for an edge between vertices fi and ti.
func (b *Builder) addEdgeBetween(fi, ti int32, t EdgeType, ev Evidence) {
	from, to := b.store.jobs[fi].ID, b.store.jobs[ti].ID
	b.store.last[0].id, b.store.last[0].i = from, fi // the model looks both up
	b.store.last[1].id, b.store.last[1].i = to, ti
	b.addEdge(fi, ti, true, from, to, t, ev)
}

// Report records a data-quality problem.
func (b *Builder) Report(p Problem) { b.problems = append(b.problems, p) }

// Has reports whether a node with that ID was added.
func (b *Builder) Has(id JobID) bool {
	_, err := b.model.Vertex(id)
	return err == nil
}

// AddJob adds a node. A duplicate ID is an error reported by Build.
func (b *Builder) AddJob(j *Job) {
	if err := b.model.AddVertex(j); err != nil {
		if errors.Is(err, dg.ErrVertexAlreadyExists) {
			err = fmt.Errorf("%w\u202f: %q", ErrDuplicateID, j.ID)
		}
		b.errs = append(b.errs, err)
	}
}

// AddEdge adds evidence for an edge, creating it on first use. An edge to
// or from an unknown node is an error reported by Build.
func (b *Builder) AddEdge(from, to JobID, t EdgeType, ev Evidence) {
	fi, fok := b.store.index(from)
	ti, tok := b.store.index(to)
	b.addEdge(fi, ti, fok && tok, from, to, t, ev)
}

// addEdge adds evidence for an edge between vertices fi and ti if known,
// between IDs from and to.
func (b *Builder) addEdge(fi, ti int32, known bool, from, to JobID, t EdgeType, ev Evidence) {
	// The model has one edge per ordered pair; the typed edges between
	// the two nodes are chained from it.
	if known {
		if p := b.store.find(fi, ti); p != nil && p.first >= 0 {
			last := p.first
			for i := p.first; i >= 0; i = b.edges[i].next {
				if e := &b.edges[i]; e.typ == t {
					e.more = append(e.more, ev)
					return
				}
				last = i
			}
			b.edges[last].next = int32(len(b.edges))
			b.edges = append(b.edges, builderEdge{from: fi, to: ti, typ: t, src: b.Source, next: -1, ev: ev})
			return
		}
	}
	if err := b.model.AddEdge(from, to); err != nil {
		if errors.Is(err, dg.ErrVertexNotFound) {
			err = fmt.Errorf("%w\u202f: %s → %s", ErrDangling, from, to)
		}
		b.errs = append(b.errs, err)
		return
	}
	b.store.lastPair(fi).first = int32(len(b.edges))
	b.edges = append(b.edges, builderEdge{from: fi, to: ti, typ: t, src: b.Source, next: -1, ev: ev})
}

// Build validates what was added and returns the graph with its index.
// Errors are joined, so that a caller sees all that is wrong at once.
func (b *Builder) Build() (*Graph, error) {
	if len(b.errs) > 0 {
		return nil, fmt.Errorf("%w\u202f: %w", ErrInvalid, errors.Join(b.errs...))
	}
	g := &Graph{
		Dataset:  b.Dataset,
		Title:    b.Title,
		Version:  b.Version,
		Families: b.Families,
		problems: b.problems,
	}
	nodes := b.nodeIndex()
	g.buildEdges(b.edges, nodes.pos, nodes.jobs)
	g.jobs, g.pos, g.titleRank = nodes.jobs, nodes.byID, nodes.titleRank
	if ch := nodes.names; ch != nil {
		g.names.built = func() *nameIndex { return <-ch }
	}
	b.seen = nil
	sort.SliceStable(g.problems, func(i, k int) bool {
		return severityRank(g.problems[i].Severity) < severityRank(g.problems[k].Severity)
	})
	return g, nil
}

// nodeIndex is the part of a graph's index made from its nodes alone.
type nodeIndex struct {
	jobs      []*Job          // in ID order
	pos       []int32         // the node of each vertex of the model
	byID      map[JobID]int32 // the node of each ID
	titleRank []int32
	names     <-chan *nameIndex // the name index, if made with the nodes
}

// indexNodes indexes the nodes added so far on a goroutine, and then
// their names, while the caller adds edges: for a loader that adds no
// node after. Build takes that index if no node was added since; the
// graph's name index is then the one made there, from the words the
// builder folded so far, which the goroutine takes over (words folds
// into a new map after).
func (b *Builder) indexNodes() {
	added, seen := slices.Clip(b.store.jobs), b.seen
	b.seen = nil
	nodes, names := make(chan *nodeIndex, 1), make(chan *nameIndex, 1)
	b.nodes = nodes
	go func() {
		ni := orderNodes(added)
		ni.index()
		ni.names = names
		nodes <- ni
		names <- indexNames(entriesOf(ni.jobs, seen))
	}()
}

// nodeIndex returns the index of the nodes added.
func (b *Builder) nodeIndex() *nodeIndex {
	if b.nodes != nil {
		ni := <-b.nodes
		b.nodes = nil
		if len(ni.jobs) == len(b.store.jobs) {
			return ni
		}
	}
	ni := orderNodes(b.store.jobs)
	ni.index()
	return ni
}

// orderNodes sorts the vertices added by ID. The IDs are sorted along
// with the vertices, so that a comparison reads no node.
func orderNodes(added []*Job) *nodeIndex {
	n := len(added)
	type vertex struct {
		id JobID
		v  int32
	}
	order := make([]vertex, n)
	for i, j := range added {
		order[i] = vertex{j.ID, int32(i)}
	}
	slices.SortFunc(order, func(x, y vertex) int { return strings.Compare(string(x.id), string(y.id)) })
	ni := &nodeIndex{jobs: make([]*Job, n), pos: make([]int32, n)}
	for i, o := range order {
		ni.jobs[i] = added[o.v]
		ni.pos[o.v] = int32(i)
	}
	return ni
}

// index builds what the nodes give: IDs and title ranks. The names are
// indexed on first use (Graph.index).
func (ni *nodeIndex) index() {
	ni.byID = make(map[JobID]int32, len(ni.jobs))
	for i, j := range ni.jobs {
		ni.byID[j.ID] = int32(i)
	}
	ni.titleRank = titleRanks(ni.jobs)
}

// edgeKey identifies a typed edge by the IDs of its ends.
type edgeKey struct {
	from, to JobID
	typ      EdgeType
}

func pairKey(from, to int32) uint64 { return uint64(uint32(from))<<32 | uint64(uint32(to)) }

func severityRank(s Severity) int {
	switch s {
	case SeverityError:
		return 0
	case SeverityWarning:
		return 1
	}
	return 2
}

// buildEdges sorts the edges by (From, To, Type) in node order, which
// pos gives for each vertex number, and indexes them. A second goroutine
// fills the reverse arcs and the second half of the edges: this runs
// after the last edge of a file is read, on the longest chain of the
// load of 100k/1M (docs/PERFORMANCE.md).
func (g *Graph) buildEdges(built []builderEdge, pos []int32, jobs []*Job) {
	n, m := len(jobs), len(built)
	g.fwdOff = make([]int32, n+1)
	g.revOff = make([]int32, n+1)
	from := make([]int32, m)
	key := make([]uint64, m) // To, then Type
	// The evidence of every edge in one array, in the order the edges
	// were added; each edge's slice is capped so that an append cannot
	// run into the next.
	evidence := make([]int32, m+1) // edge i's is slab[evidence[i]:evidence[i+1]]
	for i := range built {
		e := &built[i]
		f, t := pos[e.from], pos[e.to]
		from[i], key[i] = f, uint64(t)<<8|uint64(e.typ)
		g.fwdOff[f+1]++
		g.revOff[t+1]++
		evidence[i+1] = evidence[i] + 1 + int32(len(e.more))
	}
	for i := range n {
		g.fwdOff[i+1] += g.fwdOff[i]
		g.revOff[i+1] += g.revOff[i]
	}
	sorted := sortEdges(g.fwdOff, from, key)
	ids := make([]JobID, n)
	for i, j := range jobs {
		ids[i] = j.ID
	}
	slab := make([]Evidence, 0, evidence[m])
	for i := range built {
		slab = append(slab, built[i].ev)
		slab = append(slab, built[i].more...)
	}
	g.edges = make([]Edge, m)
	g.fwd = make([]Arc, m)
	// Edges are sorted by (From, To), so forward arcs come out sorted.
	write := func(sorted []int32, base int) {
		for k, bi := range sorted {
			e, t, lo, hi := &built[bi], int32(key[bi]>>8), evidence[bi], evidence[bi+1]
			g.edges[base+k] = Edge{From: ids[from[bi]], To: ids[t], Type: e.typ, Source: e.src, Evidence: slab[lo:hi:hi]}
			g.fwd[base+k] = Arc{Node: t, Edge: int32(base + k), Type: e.typ}
		}
	}
	half := m / 2
	var wg sync.WaitGroup
	wg.Go(func() {
		g.rev = reverseArcs(g.revOff, sorted, from, key)
		write(sorted[half:], half)
	})
	write(sorted[:half], 0)
	wg.Wait()
}

// sortEdges returns the edges in order: a counting sort by From, whose
// offsets are off, then each node's edges by key (To, then Type).
func sortEdges(off, from []int32, key []uint64) []int32 {
	n := len(off) - 1
	sorted := make([]int32, len(from))
	fill := slices.Clone(off[:n])
	for i, f := range from {
		sorted[fill[f]] = int32(i)
		fill[f]++
	}
	for i := range n {
		run := sorted[off[i]:off[i+1]]
		if len(run) > 12 {
			slices.SortFunc(run, func(x, y int32) int { return cmp.Compare(key[x], key[y]) })
			continue
		}
		for a := 1; a < len(run); a++ {
			for b := a; b > 0 && key[run[b]] < key[run[b-1]]; b-- {
				run[b], run[b-1] = run[b-1], run[b]
			}
		}
	}
	return sorted
}

// reverseArcs returns the reverse arcs of the edges in sorted order,
// whose offsets by node are off: the arcs of a node come out sorted by
// From, as the edges are.
func reverseArcs(off, sorted, from []int32, key []uint64) []Arc {
	rev := make([]Arc, len(sorted))
	fill := slices.Clone(off[:len(off)-1])
	for k, bi := range sorted {
		t := int32(key[bi] >> 8)
		rev[fill[t]] = Arc{Node: from[bi], Edge: int32(k), Type: EdgeType(key[bi])}
		fill[t]++
	}
	return rev
}

// titleRanks returns the rank of each node when nodes are sorted by
// folded title, ties broken by ID (the order of jobs).
func titleRanks(jobs []*Job) []int32 {
	folded := make([]string, len(jobs))
	order := make([]int32, len(jobs))
	for i, j := range jobs {
		folded[i] = Fold(j.Title)
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(folded[a], folded[b]) })
	rank := make([]int32, len(jobs))
	for r, i := range order {
		rank[i] = int32(r)
	}
	return rank
}

// modelStore is the store of the dominikbraun/graph model a Builder
// validates with: vertices by number in the order added, and for each
// vertex the ordered pairs that start at it. Vertex and edge properties
// are kept only when set, which the Builder never does.
type modelStore struct {
	ids   map[JobID]int32
	jobs  []*Job
	out   [][]pairRef      // by source vertex, in the order added
	slab  []pairRef        // where the slices of out grow (addPair)
	many  map[uint64]int32 // the pairs of the vertices with many, by pairKey: their first
	props map[uint64]dg.EdgeProperties
	vprop map[int32]dg.VertexProperties

	// The model looks each end of an edge up several times in a row.
	last [2]struct {
		id JobID
		i  int32
	}
	flip int
}

// pairRef is an ordered pair of vertices in the model, seen from its
// source: the target, and the Builder's first typed edge of the pair
// (-1 until it records one).
type pairRef struct {
	to, first int32
}

// manyPairs is the number of pairs from one vertex past which they are
// also kept in a map, for sources with more than a few targets.
const manyPairs = 32

func newModelStore() *modelStore {
	return &modelStore{ids: map[JobID]int32{}}
}

func (s *modelStore) reserve(jobs int) {
	if len(s.ids) == 0 {
		s.ids = make(map[JobID]int32, jobs)
		s.jobs = slices.Grow(s.jobs, jobs)
		s.out = slices.Grow(s.out, jobs)
	}
}

// index returns the number of the vertex with the given ID.
func (s *modelStore) index(id JobID) (int32, bool) {
	for _, l := range s.last {
		if l.id == id && l.id != "" {
			return l.i, true
		}
	}
	i, ok := s.ids[id]
	if ok {
		s.remember(id, i)
	}
	return i, ok
}

// remember keeps that vertex i has that ID for the next lookups.
func (s *modelStore) remember(id JobID, i int32) {
	if s.last[0].id == id || s.last[1].id == id {
		return
	}
	s.flip ^= 1
	s.last[s.flip].id, s.last[s.flip].i = id, i
}

// find returns the pair from vertex f to vertex t, or nil.
func (s *modelStore) find(f, t int32) *pairRef {
	out := s.out[f]
	if len(out) > manyPairs {
		if k, ok := s.many[pairKey(f, t)]; ok {
			return &out[k]
		}
		return nil
	}
	for k := range out {
		if out[k].to == t {
			return &out[k]
		}
	}
	return nil
}

// lastPair returns the pair last recorded from vertex f.
func (s *modelStore) lastPair(f int32) *pairRef { return &s.out[f][len(s.out[f])-1] }

// pairSlab is the number of pairs allocated at once for the slices of
// modelStore.out: a vertex has a few targets, and a million of them grow
// out of a few allocations rather than one each time one doubles.
const pairSlab = 1 << 16

// addPair records the pair from vertex f to vertex t.
func (s *modelStore) addPair(f, t int32) {
	out := s.out[f]
	if len(out) == cap(out) {
		n := max(4, 2*cap(out))
		if cap(s.slab)-len(s.slab) < n {
			s.slab = make([]pairRef, 0, max(n, pairSlab))
		}
		at := len(s.slab)
		s.slab = s.slab[:at+n]
		out = append(s.slab[at:at:at+n], out...)
	}
	out = append(out, pairRef{t, -1})
	s.out[f] = out
	switch {
	case len(out) == manyPairs+1:
		if s.many == nil {
			s.many = map[uint64]int32{}
		}
		for k, p := range out {
			s.many[pairKey(f, p.to)] = int32(k)
		}
	case len(out) > manyPairs+1:
		s.many[pairKey(f, t)] = int32(len(out) - 1)
	}
}

func (s *modelStore) AddVertex(hash JobID, value *Job, p dg.VertexProperties) error {
	if _, ok := s.index(hash); ok {
		return dg.ErrVertexAlreadyExists
	}
	i := int32(len(s.jobs))
	s.ids[hash] = i
	s.jobs = append(s.jobs, value)
	s.out = append(s.out, nil)
	if p.Weight != 0 || len(p.Attributes) > 0 {
		if s.vprop == nil {
			s.vprop = map[int32]dg.VertexProperties{}
		}
		s.vprop[i] = p
	}
	return nil
}

func (s *modelStore) Vertex(hash JobID) (*Job, dg.VertexProperties, error) {
	i, ok := s.index(hash)
	if !ok {
		return nil, dg.VertexProperties{}, dg.ErrVertexNotFound
	}
	return s.jobs[i], s.vprop[i], nil
}

var errModelRemove = errors.New("graph\u202f: on ne retire rien du modèle d’un Builder")

func (s *modelStore) RemoveVertex(JobID) error { return errModelRemove }

func (s *modelStore) ListVertices() ([]JobID, error) {
	ids := make([]JobID, len(s.jobs))
	for i, j := range s.jobs {
		ids[i] = j.ID
	}
	return ids, nil
}

func (s *modelStore) VertexCount() (int, error) { return len(s.jobs), nil }

// ends returns the numbers of the vertices of an edge.
func (s *modelStore) ends(source, target JobID) (f, t int32, err error) {
	f, ok := s.index(source)
	if !ok {
		return 0, 0, dg.ErrVertexNotFound
	}
	t, ok = s.index(target)
	if !ok {
		return 0, 0, dg.ErrVertexNotFound
	}
	return f, t, nil
}

func (s *modelStore) AddEdge(source, target JobID, e dg.Edge[JobID]) error {
	f, t, err := s.ends(source, target)
	if err != nil {
		return err
	}
	if s.find(f, t) != nil {
		return dg.ErrEdgeAlreadyExists
	}
	s.addPair(f, t)
	s.setProps(f, t, e.Properties)
	return nil
}

func (s *modelStore) setProps(f, t int32, p dg.EdgeProperties) {
	k := pairKey(f, t)
	if p.Weight != 0 || len(p.Attributes) > 0 || p.Data != nil {
		if s.props == nil {
			s.props = map[uint64]dg.EdgeProperties{}
		}
		s.props[k] = p
	} else if s.props != nil {
		delete(s.props, k)
	}
}

func (s *modelStore) UpdateEdge(source, target JobID, e dg.Edge[JobID]) error {
	f, t, err := s.ends(source, target)
	if err != nil || s.find(f, t) == nil {
		return dg.ErrEdgeNotFound
	}
	s.setProps(f, t, e.Properties)
	return nil
}

func (s *modelStore) RemoveEdge(JobID, JobID) error { return errModelRemove }

func (s *modelStore) Edge(source, target JobID) (dg.Edge[JobID], error) {
	f, t, err := s.ends(source, target)
	if err != nil || s.find(f, t) == nil {
		return dg.Edge[JobID]{}, dg.ErrEdgeNotFound
	}
	return dg.Edge[JobID]{Source: source, Target: target, Properties: s.props[pairKey(f, t)]}, nil
}

func (s *modelStore) ListEdges() ([]dg.Edge[JobID], error) {
	var out []dg.Edge[JobID]
	for f, ps := range s.out {
		for _, p := range ps {
			out = append(out, dg.Edge[JobID]{Source: s.jobs[f].ID, Target: s.jobs[p.to].ID, Properties: s.props[pairKey(int32(f), p.to)]})
		}
	}
	return out, nil
}
