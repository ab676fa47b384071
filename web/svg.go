package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

// The SVG career maps. Each handler builds a view (dot.go), writes it as
// DOT, and has the renderer (render.go) draw it, from its cache
// (cache.go) when it can.

const svgType = "image/svg+xml"

// svgHeaders are set on every SVG answer: a drawing runs no script and
// loads nothing.
var svgHeaders = map[string]string{
	"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
	"X-Content-Type-Options":  "nosniff",
	"Cache-Control":           "public, max-age=60",
	"Vary":                    "Accept-Encoding",
}

// renderer returns the renderer of the server, or the process's shared
// one if the server was configured without.
func (s *server) renderer() *Renderer {
	if s.render != nil {
		return s.render
	}
	return sharedRenderer()
}

// svgView builds the view a request asks for.
type svgView func(c *gin.Context, p params, g *graph.Graph) (*view, error)

// svgHandler answers a request for an SVG view: it builds the view, checks
// its size, and serves its drawing.
func (s *server) svgHandler(build svgView, narrow string) gin.HandlerFunc {
	return func(c *gin.Context) {
		p, ds, err := s.requestSet(c)
		if err != nil {
			writeError(c, err)
			return
		}
		g := ds.g
		// A view already drawn for the same request on the same graph is
		// served from the cache without building its DOT again.
		vk := viewKey{gen: ds.gen, req: c.Request.URL.Path + "?" + url.Values(p).Encode()}
		if key, ok := s.views.Get(vk); ok && s.serveCached(c, key) {
			return
		}
		v, err := build(c, p, g)
		if err == nil {
			err = v.checkSize(narrow)
		}
		if err != nil {
			writeError(c, err)
			return
		}
		var dot bytes.Buffer
		if err := writeDOT(&dot, g, v); err != nil {
			writeError(c, err)
			return
		}
		key := dotKey(dot.Bytes())
		s.views.Add(vk, key)
		if s.serveCached(c, key) {
			return
		}
		s.serveRender(c, key, dot.Bytes())
	}
}

// serveCached answers a request from the SVG cache, or with 304, and
// reports whether it could. Neither is charged to the render limit.
func (s *server) serveCached(c *gin.Context, key string) bool {
	etag := etagOf(key)
	if etagMatch(c.GetHeader("If-None-Match"), etag) {
		setSVGHeaders(c, etag)
		c.Status(http.StatusNotModified)
		return true
	}
	e := s.renderer().cached(key)
	if e == nil {
		return false
	}
	writeSVG(c, etag, e)
	return true
}

// viewKey names an SVG request: the generation of the graph it was asked
// of (not the graph, which the cache would keep alive) and its route and
// parameters, sorted.
type viewKey struct {
	gen uint64
	req string
}

// maxViewKeys bounds the view cache.
const maxViewKeys = 4096

// serveRender draws dot, which the cache does not hold, and answers the
// SVG. The render is charged to the client's render limit.
func (s *server) serveRender(c *gin.Context, key string, dot []byte) {
	if l := s.renderLimit; l != nil {
		if ok, wait := l.allow(clientKey(c.ClientIP())); !ok {
			writeError(c, limited("cartes demandées", wait))
			return
		}
	}
	client := clientKey(c.ClientIP())
	if !s.shares.take(client) {
		writeError(c, &httpError{code: codeRateLimited, retryAfter: 1,
			msg: "trop de cartes en cours de dessin pour votre adresse : attendez qu’elles soient prêtes"})
		return
	}
	e, err := s.renderer().render(c.Request.Context(), key, dot)
	s.shares.give(client)
	if err != nil {
		writeError(c, err)
		return
	}
	writeSVG(c, etagOf(key), e)
}

// renderShares bounds the renders each client has in flight (drawing or
// waiting for a worker), so that a few clients cannot fill the render
// queue and starve a bystander. It is safe for concurrent use.
type renderShares struct {
	max int
	mu  sync.Mutex
	n   map[string]int // only clients with renders in flight
}

func (rs *renderShares) take(client string) bool {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if rs.n[client] >= rs.max {
		return false
	}
	rs.n[client]++
	return true
}

func (rs *renderShares) give(client string) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if rs.n[client]--; rs.n[client] <= 0 {
		delete(rs.n, client)
	}
}

// writeSVG answers a drawing, gzipped if the client takes it.
func writeSVG(c *gin.Context, etag string, e *svgEntry) {
	setSVGHeaders(c, etag)
	body := e.svg
	if e.gz != nil && acceptsGzip(c.GetHeader("Accept-Encoding")) {
		c.Header("Content-Encoding", "gzip")
		body = e.gz
	}
	c.Header("Content-Length", strconv.Itoa(len(body)))
	c.Data(http.StatusOK, svgType, body)
}

func setSVGHeaders(c *gin.Context, etag string) {
	for k, v := range svgHeaders {
		c.Header(k, v)
	}
	c.Header("ETag", etag)
}

// acceptsGzip reports whether an Accept-Encoding header takes gzip: named
// or through "*", with a quality above zero.
func acceptsGzip(header string) bool {
	gzipQ, starQ := -1.0, -1.0
	for _, part := range strings.Split(header, ",") {
		name, prm, _ := strings.Cut(part, ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(prm), "q="); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				continue
			}
			q = f
		}
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "gzip", "x-gzip":
			gzipQ = q
		case "*":
			starQ = q
		}
	}
	if gzipQ >= 0 {
		return gzipQ > 0
	}
	return starQ > 0
}

// handleSVGMap answers GET /svg/map[?family=|domain=]: the map of the
// repertoire, or of one family and its neighbours. A repertoire of more
// than overviewAbove jobs is drawn as its families.
func (s *server) handleSVGMap() gin.HandlerFunc {
	return s.svgHandler(func(c *gin.Context, p params, g *graph.Graph) (*view, error) {
		family, domain := p.str("family"), p.str("domain")
		if family != "" && domain != "" && family != domain {
			return nil, badRequest(pathways.CodeInvalid, "donnez « family » ou « domain », pas les deux")
		}
		if family == "" {
			family = domain
		}
		return mapView(g, family)
	}, "choisissez une famille (family=…) pour n’en voir que les métiers")
}

// handleSVGPath answers GET /svg/path?from=&to=[&k=][&by=][&types=]: the
// routes highlighted on their neighbourhood.
func (s *server) handleSVGPath() gin.HandlerFunc {
	return s.svgHandler(func(c *gin.Context, p params, g *graph.Graph) (*view, error) {
		doc, err := paths(p, g)
		if err != nil {
			return nil, err
		}
		return pathView(g, doc), nil
	}, "demandez moins de parcours (k) ou choisissez un départ et une arrivée plus précis")
}

// handleSVGReachable answers GET /svg/reachable?from=|level=[&depth=][&types=]:
// what can be reached, each node with its distance.
func (s *server) handleSVGReachable() gin.HandlerFunc {
	return s.svgReach(reachable, false,
		"limitez la profondeur (depth=1 ou 2), partez d’un métier plus précis ou ne suivez qu’un type de mobilité (types=evolution)")
}

// handleSVGFeeders answers GET /svg/feeders?to=[&depth=][&types=]: what
// leads to a job, each node with its distance.
func (s *server) handleSVGFeeders() gin.HandlerFunc {
	return s.svgReach(feeders, true,
		"limitez la profondeur (depth=1 ou 2), choisissez une arrivée plus précise ou ne suivez qu’un type de mobilité (types=evolution)")
}

// svgReach draws the reach query answers, towards its end when feeders
// is set; hint is what to ask when the map is too large.
func (s *server) svgReach(query func(params, *graph.Graph) (pathways.Reach, error), feeders bool, hint string) gin.HandlerFunc {
	return s.svgHandler(func(c *gin.Context, p params, g *graph.Graph) (*view, error) {
		doc, err := query(p, g)
		if err != nil {
			return nil, err
		}
		_, types, err := reachOptions(p)
		if err != nil {
			return nil, err
		}
		return reachView(g, doc, types, feeders), nil
	}, hint)
}

// handleSVGJob answers GET /svg/jobs/:id: a job with what leads to it
// and where it leads.
func (s *server) handleSVGJob() gin.HandlerFunc {
	return s.svgHandler(func(c *gin.Context, p params, g *graph.Graph) (*view, error) {
		id := c.Param("id")
		if err := checkText("id", id); err != nil {
			return nil, err
		}
		d, err := pathways.Show(g, id)
		if err != nil {
			return nil, err
		}
		return jobView(g, d), nil
	}, "ce métier a trop de liens pour une carte : consultez sa fiche")
}
