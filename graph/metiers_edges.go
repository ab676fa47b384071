package graph

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/go-json-experiment/json"
)

// The explicit edges of a dataset are most of a large one: a repertoire
// of a million edges is mostly its "edges" list. The decoder reads each
// into a compact record, its ends resolved among the jobs decoded before
// the list and the bytes of its evidence added to those of its batch.
// When the list is the last member of the document, a second goroutine
// builds the graph while the decoder reads it: the jobs first, then the
// edges batch by batch (edgeFeed).
// This is what makes a repertoire of 100,000 jobs and a million edges
// load in less than the 3 s of docs/PERFORMANCE.md on two cores.

// edgeRecord is an explicit edge as decoded.
type edgeRecord struct {
	from, to int32    // the index of each end in the jobs of the document, -1 if not found
	off      int32    // where the decoder stood before the element
	evidence [2]int32 // the evidence: text[evidence[0]:evidence[1]] of its batch
	typ      EdgeType // 0 for a type the format does not define
	odd      *oddEdge // the text of what is not resolved, or nil
}

// oddEdge is the text of an edge with an unknown type or end.
type oddEdge struct {
	from, to, typ string
}

// edgeReader resolves the ends of the edges the decoder reads by the ids
// of the jobs decoded before the list.
type edgeReader struct {
	jobs map[string]int32 // the index of each job id, the first job that has it
	ids  []fileJob
	from lastEnd
}

// lastEnd is the last job a source was resolved to: lists tend to give
// the edges of a job one after the other.
type lastEnd struct {
	id  string
	job int32
}

// edgeEnd is an end of an edge, read as a string: the job it names, or
// the text read when it names none (an empty id for null).
type edgeEnd struct {
	r    *edgeReader
	last *lastEnd // for the source of an edge, nil for its target
	job  int32    // 1 + the index of the job, 0 for none
	id   string
}

func (e *edgeEnd) UnmarshalText(b []byte) error {
	if e.last != nil && e.last.job > 0 && e.last.id == string(b) {
		e.job = e.last.job
		return nil
	}
	if i, ok := e.r.jobs[string(b)]; ok {
		e.job = i + 1
		if e.last != nil {
			*e.last = lastEnd{id: e.r.ids[i].ID, job: i + 1}
		}
		return nil
	}
	e.id = string(b)
	return nil
}

// edgeText is the evidence of an edge, read as a string: its bytes are
// added to those of the batch the edge goes in (edgeFeed.text) rather
// than copied into a string of their own, which most edges would drop:
// the builder keeps each text once (metiersBuild.addEdges).
type edgeText struct {
	f      *edgeFeed
	lo, hi int32 // its bytes in f.text; none for null
}

func (t *edgeText) UnmarshalText(b []byte) error {
	t.lo = int32(len(t.f.text))
	t.f.text = append(t.f.text, b...)
	t.hi = int32(len(t.f.text))
	return nil
}

// text returns the id read.
func (e *edgeEnd) text(jobs []fileJob) string {
	if e.job > 0 {
		return jobs[e.job-1].ID
	}
	return e.id
}

// edge decodes the next element of the list into a record.
func (r *edgeReader) edge(d *datasetDecoder, jobs []fileJob) (edgeRecord, error) {
	off := d.dec.InputOffset()
	e := &d.edge
	*e = fileEdge{From: edgeEnd{r: r, last: &r.from}, To: edgeEnd{r: r}, Evidence: edgeText{f: &d.feed}}
	if err := json.UnmarshalDecode(d.dec, e); err != nil {
		return edgeRecord{}, err
	}
	rec := edgeRecord{from: e.From.job - 1, to: e.To.job - 1, off: int32(off), evidence: [2]int32{e.Evidence.lo, e.Evidence.hi}}
	switch e.Type {
	case "", "evolution":
		rec.typ = Evolution
	case "proche":
		rec.typ = Close
	}
	if rec.typ == 0 || rec.from < 0 || rec.to < 0 {
		rec.odd = &oddEdge{from: e.From.text(jobs), to: e.To.text(jobs), typ: e.Type}
	}
	return rec, nil
}

// edgeBatchSize is the number of records the decoder hands over at once.
const edgeBatchSize = 4096

// edgeBatch is records of consecutive edges, with an estimate of the
// number of edges still to come.
type edgeBatch struct {
	recs []edgeRecord
	text []byte // the bytes of their evidence
	more int
}

// edgeFeed collects the records of the decoder and hands them over, when
// a builder runs alongside, in batches.
type edgeFeed struct {
	batches []edgeBatch // every batch, in order
	recs    []edgeRecord
	text    []byte // the bytes of the evidence of recs (edgeText)
	start   int64  // where the list starts
	out     chan edgeBatch
	built   chan *metiersBuild
}

// add appends a record read at off, of a document of size bytes.
func (f *edgeFeed) add(rec edgeRecord, off int64, size int) {
	if f.recs == nil {
		f.recs = make([]edgeRecord, 0, edgeBatchSize)
	}
	f.recs = append(f.recs, rec)
	if len(f.recs) == cap(f.recs) {
		// The elements read so far tell how many the rest of the document holds.
		more := int(int64(size)-off) * len(f.recs) / int(max(off-f.start, 1))
		f.flush(more)
	}
}

func (f *edgeFeed) flush(more int) {
	if len(f.recs) == 0 {
		return
	}
	b := edgeBatch{recs: f.recs, text: f.text, more: more}
	f.batches = append(f.batches, b)
	if f.out != nil {
		f.out <- b
	}
	f.recs, f.text = nil, nil
	if more > 0 {
		// The next batch's text is about as long: an eighth more leaves room.
		f.text = make([]byte, 0, len(b.text)+len(b.text)/8)
	}
}

// alongside starts building the jobs of ds, a copy of the dataset decoded
// so far, and then the edges handed over, on a second goroutine.
func (f *edgeFeed) alongside(ds fileDataset, doc []byte, file string) {
	f.out = make(chan edgeBatch, 4)
	f.built = make(chan *metiersBuild, 1)
	go func() {
		m := buildJobs(&ds, doc, file)
		for b := range f.out {
			m.addEdges(b)
		}
		f.built <- m
	}()
}

// finish hands over the last records and returns what the builder
// alongside made, if any and if keep is set.
func (f *edgeFeed) finish(keep bool) *metiersBuild {
	f.flush(0)
	if f.out == nil {
		return nil
	}
	close(f.out)
	m := <-f.built
	f.out = nil
	if !keep {
		return nil
	}
	return m
}

// metiersBuild is the graph of a dataset being built.
type metiersBuild struct {
	b        *Builder
	p        *problems
	err      error // the problems of the jobs, which stop the build
	edges    int   // explicit edges seen
	evidence map[string]string
	lastText [][2]string // the evidence last kept for an edge toward each vertex, by type (lastSlot)
	lines    lineCursor
}

// addEdges adds the explicit edges of a batch, the edges the document
// lists by id. Edges that quote the same evidence share its text: the
// graph keeps it. The edges of a type toward a job mostly quote the same
// (its title), which is tried before the map of every text.
func (m *metiersBuild) addEdges(batch edgeBatch) {
	if m.err != nil {
		return
	}
	if m.edges == 0 {
		m.b.edges = slices.Grow(m.b.edges, len(batch.recs)+batch.more)
		m.evidence = make(map[string]string, len(m.b.store.jobs)) // about a text a target
		m.lastText = make([][2]string, len(m.b.store.jobs))
	}
	for _, e := range batch.recs {
		i := m.edges
		m.edges++
		if e.typ == 0 {
			m.p.fail(m.lines.at(int(e.off)), fmt.Sprintf("edges[%d].type", i), "type %q inconnu\u202f: evolution ou proche", e.odd.typ)
			continue
		}
		from, to := e.from, e.to
		if e.odd != nil {
			from, to = m.job(from, e.odd.from), m.job(to, e.odd.to)
		}
		if from < 0 || to < 0 {
			m.p.fail(m.lines.at(int(e.off)), fmt.Sprintf("edges[%d]", i), "%w\u202f: %q → %q", ErrDangling, e.odd.from, e.odd.to)
			continue
		}
		ev := batch.text[e.evidence[0]:e.evidence[1]]
		last := &m.lastText[to][lastSlot(e.typ)]
		text := *last
		if text != string(ev) {
			var ok bool
			if text, ok = m.evidence[string(ev)]; !ok {
				text = string(ev)
				m.evidence[text] = text
			}
			*last = text
		}
		m.b.addEdgeBetween(from, to, e.typ, Evidence{Text: text, Match: MatchTitle})
	}
}

// lastSlot is where addEdges keeps the evidence last kept toward a
// vertex for an edge of type t: the edges of each type toward a job
// mostly quote their own text ("Mobilité proche : …").
func lastSlot(t EdgeType) int {
	if t == Close {
		return 1
	}
	return 0
}

// job returns i if it is the index of a job, else the vertex of the job
// with that id, or -1: the decoder resolves the ends among the jobs it
// read before the list, and the vertex of the job of index i is i.
func (m *metiersBuild) job(i int32, id string) int32 {
	if i >= 0 {
		return i
	}
	if v, ok := m.b.store.index(JobID(id)); ok && m.b.store.jobs[v].Kind == KindJob {
		return v
	}
	return -1
}

// graph returns the graph built, or the problems found.
func (m *metiersBuild) graph() (*Graph, error) {
	if m.err != nil {
		return nil, m.err
	}
	if err := m.p.err(); err != nil {
		return nil, err
	}
	return m.b.Build()
}

// lineCursor gives the lines of a document at increasing offsets,
// counting its newlines once.
type lineCursor struct {
	doc       []byte
	pos, line int
}

// at returns the line of the value a decoder standing at off reads next.
func (c *lineCursor) at(off int) int {
	if c.line == 0 {
		c.line = 1
	}
	off = skipBlanks(c.doc, valueAt(c.doc, off))
	c.line += bytes.Count(c.doc[c.pos:off], []byte("\n"))
	c.pos = off
	return c.line
}
