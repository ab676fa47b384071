package graph

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sort"

	dg "github.com/dominikbraun/graph"
)

// Errors reported while building a graph.
var (
	ErrInvalid     = errors.New("invalid dataset")
	ErrDuplicateID = errors.New("duplicate id")
	ErrDangling    = errors.New("edge to an unknown node")
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

	names     *nameIndex
	titleRank []int32 // rank of each node in the order of folded titles
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
type Builder struct {
	Dataset, Title, Version string
	Families                []Family

	model    dg.Graph[JobID, *Job]
	edges    map[edgeKey]int
	list     []Edge
	problems []Problem
	errs     []error
}

type edgeKey struct {
	from, to JobID
	typ      EdgeType
}

// NewBuilder returns an empty builder for a dataset.
func NewBuilder(dataset string) *Builder {
	return &Builder{
		Dataset: dataset,
		model:   dg.New(func(j *Job) JobID { return j.ID }, dg.Directed()),
		edges:   map[edgeKey]int{},
	}
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
			err = fmt.Errorf("%w: %q", ErrDuplicateID, j.ID)
		}
		b.errs = append(b.errs, err)
	}
}

// AddEdge adds evidence for an edge, creating it on first use. An edge to
// or from an unknown node is an error reported by Build.
func (b *Builder) AddEdge(from, to JobID, t EdgeType, ev Evidence) {
	k := edgeKey{from, to, t}
	if i, ok := b.edges[k]; ok {
		b.list[i].Evidence = append(b.list[i].Evidence, ev)
		return
	}
	// The model has one edge per ordered pair; its data lists the typed
	// edges between them.
	if _, err := b.model.Edge(from, to); err != nil {
		if err := b.model.AddEdge(from, to); err != nil {
			if errors.Is(err, dg.ErrVertexNotFound) {
				err = fmt.Errorf("%w: %s → %s", ErrDangling, from, to)
			}
			b.errs = append(b.errs, err)
			return
		}
	}
	b.edges[k] = len(b.list)
	b.list = append(b.list, Edge{From: from, To: to, Type: t, Evidence: []Evidence{ev}})
}

// Build validates what was added and returns the graph with its index.
// Errors are joined, so that a caller sees all that is wrong at once.
func (b *Builder) Build() (*Graph, error) {
	if len(b.errs) > 0 {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, errors.Join(b.errs...))
	}
	adj, err := b.model.AdjacencyMap()
	if err != nil {
		return nil, err
	}
	g := &Graph{
		Dataset:  b.Dataset,
		Title:    b.Title,
		Version:  b.Version,
		Families: b.Families,
		problems: b.problems,
		pos:      make(map[JobID]int32, len(adj)),
	}
	ids := make([]JobID, 0, len(adj))
	for id := range adj {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	g.jobs = make([]*Job, len(ids))
	for i, id := range ids {
		j, err := b.model.Vertex(id)
		if err != nil {
			return nil, err
		}
		g.jobs[i] = j
		g.pos[id] = int32(i)
	}
	g.edges = b.list
	slices.SortFunc(g.edges, func(x, y Edge) int {
		return cmp.Or(cmp.Compare(g.pos[x.From], g.pos[y.From]),
			cmp.Compare(g.pos[x.To], g.pos[y.To]), cmp.Compare(x.Type, y.Type))
	})
	g.buildAdjacency()
	g.names = buildNames(g)
	g.buildTitleRank()
	sort.SliceStable(g.problems, func(i, k int) bool {
		return severityRank(g.problems[i].Severity) < severityRank(g.problems[k].Severity)
	})
	return g, nil
}

func severityRank(s Severity) int {
	switch s {
	case SeverityError:
		return 0
	case SeverityWarning:
		return 1
	}
	return 2
}

func (g *Graph) buildAdjacency() {
	n := len(g.jobs)
	g.fwdOff = make([]int32, n+1)
	g.revOff = make([]int32, n+1)
	for _, e := range g.edges {
		g.fwdOff[g.pos[e.From]+1]++
		g.revOff[g.pos[e.To]+1]++
	}
	for i := range n {
		g.fwdOff[i+1] += g.fwdOff[i]
		g.revOff[i+1] += g.revOff[i]
	}
	g.fwd = make([]Arc, len(g.edges))
	g.rev = make([]Arc, len(g.edges))
	fill := slices.Clone(g.fwdOff[:n])
	rfill := slices.Clone(g.revOff[:n])
	// Edges are sorted by (From, To), so forward arcs come out sorted; the
	// reverse arcs of a node come out sorted by From for the same reason.
	for ei, e := range g.edges {
		f, t := g.pos[e.From], g.pos[e.To]
		g.fwd[fill[f]] = Arc{Node: t, Edge: int32(ei), Type: e.Type}
		fill[f]++
		g.rev[rfill[t]] = Arc{Node: f, Edge: int32(ei), Type: e.Type}
		rfill[t]++
	}
}

func (g *Graph) buildTitleRank() {
	folded := make([]string, len(g.jobs))
	order := make([]int32, len(g.jobs))
	for i, j := range g.jobs {
		folded[i] = Fold(j.Title)
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(folded[a], folded[b]) })
	g.titleRank = make([]int32, len(g.jobs))
	for r, i := range order {
		g.titleRank[i] = int32(r)
	}
}
