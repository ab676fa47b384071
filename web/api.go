package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

// The handlers of the JSON API. Each reads its parameters, calls package
// pathways and writes the document it returns, or the error document. A
// route that answers a query of one dataset is the query itself, a
// function of the request's parameters and graph (resolve, paths, …),
// that answer makes a handler of; the SVG routes draw the same queries.

const jsonType = "application/json; charset=utf-8"

// writeDoc answers a document of the API. A dataset changes only when it
// is reloaded, so answers may be cached for a minute.
func writeDoc(c *gin.Context, doc any) {
	c.Header("Cache-Control", "public, max-age=60")
	writeJSON(c, http.StatusOK, doc)
}

// jsonWriter encodes the JSON of an answer into its buffer.
type jsonWriter struct {
	buf bytes.Buffer
	enc *json.Encoder
}

// jsonWriters are reused from answer to answer, but not those whose
// buffer grew beyond maxPooledJSON (a whole graph, say).
var jsonWriters = sync.Pool{New: func() any {
	w := new(jsonWriter)
	w.enc = json.NewEncoder(&w.buf)
	return w
}}

const maxPooledJSON = 256 << 10

// writeJSON writes v as the JSON body of the response, with status code:
// the bytes gin's c.JSON writes (encoding/json, HTML characters escaped,
// no final newline), encoded into a reused buffer rather than into a copy
// per answer, and sent with their length rather than in chunks. Every
// JSON answer of the server is written here.
func writeJSON(c *gin.Context, code int, v any) {
	w := jsonWriters.Get().(*jsonWriter)
	defer func() {
		if w.buf.Cap() <= maxPooledJSON {
			w.buf.Reset()
			jsonWriters.Put(w)
		}
	}()
	c.Status(code)
	if err := w.enc.Encode(v); err != nil { // what c.JSON does on an error
		_ = c.Error(err)
		c.Abort()
		return
	}
	body := bytes.TrimSuffix(w.buf.Bytes(), []byte("\n")) // Encode ends a value with a newline
	h := c.Writer.Header()
	if len(h["Content-Type"]) == 0 {
		h.Set("Content-Type", jsonType)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if _, err := c.Writer.Write(body); err != nil {
		_ = c.Error(err)
		c.Abort()
	}
}

// request reads the parameters of a request and the graph of the dataset
// it names (?dataset=, the default if absent).
func (s *server) request(c *gin.Context) (params, *graph.Graph, error) {
	p, ds, err := s.requestSet(c)
	return p, ds.g, err
}

// requestSet is request, returning the dataset.
func (s *server) requestSet(c *gin.Context) (params, dataset, error) {
	p, err := parseParams(c)
	if err != nil {
		return nil, dataset{}, err
	}
	name := p.str("dataset")
	ds, ok := s.sets.get(name)
	if !ok {
		if name == "" {
			name = s.sets.Default
		}
		return nil, dataset{}, unknownDataset(name, s.sets.Names())
	}
	return p, ds, nil
}

// healthDoc is the document of /healthz.
type healthDoc struct {
	Status   string                   `json:"status"`
	Datasets map[string]datasetHealth `json:"datasets"`
}

type datasetHealth struct {
	Nodes int `json:"nodes"`
	Edges int `json:"edges"`
}

// handleHealth reports the loaded datasets, or only the one ?dataset=
// names. It is never cached.
func (s *server) handleHealth() gin.HandlerFunc {
	return func(c *gin.Context) {
		p, err := parseParams(c)
		if err != nil {
			writeError(c, err)
			return
		}
		names := s.sets.Names()
		if p.has("dataset") {
			if _, ok := s.sets.Get(p.str("dataset")); !ok {
				writeError(c, unknownDataset(p.str("dataset"), names))
				return
			}
			names = []string{p.str("dataset")}
		}
		doc := healthDoc{Status: "ok", Datasets: map[string]datasetHealth{}}
		for _, n := range names {
			if g, ok := s.sets.Get(n); ok {
				doc.Datasets[n] = datasetHealth{Nodes: g.Len(), Edges: len(g.Edges())}
			}
		}
		c.Header("Cache-Control", "no-store")
		writeJSON(c, http.StatusOK, doc)
	}
}

// jobs answers GET /api/jobs: the jobs of the repertoire.
func jobs(_ params, g *graph.Graph) (pathways.JobList, error) { return pathways.Jobs(g), nil }

// handleJob answers GET /api/jobs/:id: the card of a job, where it leads
// and what leads to it.
func (s *server) handleJob() gin.HandlerFunc {
	return func(c *gin.Context) {
		_, g, err := s.request(c)
		if err != nil {
			writeError(c, err)
			return
		}
		id := c.Param("id")
		if err := checkText("id", id); err != nil {
			writeError(c, err)
			return
		}
		doc, err := pathways.Show(g, id)
		if err != nil {
			writeError(c, err)
			return
		}
		// The way back from a ROME card to the métiers that belong to it.
		if m, ok := s.sets.Get("metiers"); ok && m != g {
			doc.Metiers = pathways.RomeMembers(m, id)
		}
		if err := addJobSkills(g, &doc); err != nil {
			writeError(c, err)
			return
		}
		writeDoc(c, doc)
	}
}

// resolve answers GET /api/resolve?q=&limit=: the jobs a text names,
// best first.
func resolve(p params, g *graph.Graph) (pathways.Resolution, error) {
	q, err := p.text("q")
	if err != nil {
		return pathways.Resolution{}, err
	}
	limit, err := p.intIn("limit", 10, 1, maxLimit)
	if err != nil {
		return pathways.Resolution{}, err
	}
	return pathways.Resolve(g, q, limit)
}

// paths answers GET /api/path?from=&to=[&k=][&by=][&types=]: the
// shortest routes from a job or a diploma to a job. No route is an
// answer, not an error.
func paths(p params, g *graph.Graph) (pathways.Paths, error) {
	fromText, err := p.text("from")
	if err != nil {
		return pathways.Paths{}, err
	}
	toText, err := p.text("to")
	if err != nil {
		return pathways.Paths{}, err
	}
	k, err := p.intIn("k", 1, 1, pathways.MaxK)
	if err != nil {
		return pathways.Paths{}, err
	}
	effort, err := pathways.ParseBy(p.str("by"))
	if err != nil {
		return pathways.Paths{}, err
	}
	types, err := pathways.ParseTypes(p.str("types"))
	if err != nil {
		return pathways.Paths{}, err
	}
	doc, err := pathways.Route(g, fromText, toText, pathways.Options{K: k, Effort: effort, Types: types})
	if err != nil {
		return pathways.Paths{}, err
	}
	return doc, addPathGaps(p, g, &doc)
}

// reachable answers GET /api/reachable?from=|level=[&depth=][&types=]:
// the jobs reachable from a job or from a diploma level.
func reachable(p params, g *graph.Graph) (pathways.Reach, error) {
	hasFrom, hasLevel := p.has("from"), p.has("level")
	switch {
	case !hasFrom && !hasLevel:
		return pathways.Reach{}, badRequest(pathways.CodeMissing, "paramètre manquant : « from » (un métier) ou « level » (un diplôme)")
	case hasFrom && hasLevel:
		return pathways.Reach{}, badRequest(pathways.CodeInvalid, "donnez « from » ou « level », pas les deux")
	}
	depth, types, err := reachOptions(p)
	if err != nil {
		return pathways.Reach{}, err
	}
	if hasLevel {
		level, err := p.text("level")
		if err != nil {
			return pathways.Reach{}, err
		}
		return pathways.ReachableFromLevel(g, level, depth, types)
	}
	from, err := p.text("from")
	if err != nil {
		return pathways.Reach{}, err
	}
	return pathways.ReachableFrom(g, from, depth, types)
}

// feeders answers GET /api/feeders?to=[&depth=][&types=]: the jobs that
// lead to a job.
func feeders(p params, g *graph.Graph) (pathways.Reach, error) {
	toText, err := p.text("to")
	if err != nil {
		return pathways.Reach{}, err
	}
	depth, types, err := reachOptions(p)
	if err != nil {
		return pathways.Reach{}, err
	}
	return pathways.FeedersOf(g, toText, depth, types)
}

// reachOptions reads depth (absent: no limit; 0: the start alone) and
// types.
func reachOptions(p params) (int, graph.EdgeType, error) {
	depth, err := p.intIn("depth", pathways.NoLimit, 0, pathways.MaxDepth)
	if err != nil {
		return 0, 0, err
	}
	types, err := pathways.ParseTypes(p.str("types"))
	return depth, types, err
}

// levels answers GET /api/levels: the diploma levels and the jobs each
// one opens.
func levels(_ params, g *graph.Graph) (pathways.LevelList, error) { return pathways.Levels(g), nil }

// answer makes a handler of a query: it reads the request's parameters
// and dataset, then writes the document the query returns, or its error.
func answer[T any](s *server, query func(params, *graph.Graph) (T, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		p, g, err := s.request(c)
		var doc T
		if err == nil {
			doc, err = query(p, g)
		}
		if err != nil {
			writeError(c, err)
			return
		}
		writeDoc(c, doc)
	}
}
