package web

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/pathways"
)

// ExportFormat is a format the graph is exported in, by `pathways export`
// and GET /api/export.
type ExportFormat struct {
	Ext         string // file extension
	ContentType string
	Write       func(io.Writer, *graph.Graph) error
}

// ExportFormats lists the formats that write one file. CSV writes two,
// nodes.csv and edges.csv: see graph.WriteCSV.
var ExportFormats = map[string]ExportFormat{
	"graphml": {"graphml", "application/graphml+xml; charset=utf-8", graph.WriteGraphML},
	"jgf":     {"json", "application/json; charset=utf-8", graph.WriteJGF},
	"dot":     {"dot", "text/vnd.graphviz; charset=utf-8", WriteGraphDOT},
	"cypher":  {"cypher", "text/plain; charset=utf-8", graph.WriteCypher},
}

// maxExportsInFlight bounds the export answers being written at once:
// each holds a connection until its client has read the file, or the
// server's WriteTimeout.
const maxExportsInFlight = 32

// exportKey names an export kept with its graph (graph.Memo).
type exportKey struct{ format, file string }

// exportFile is an export of a graph: computed once per graph, kept with
// it and dropped with it at a reload.
type exportFile struct {
	name, ctype string
	body        []byte
	err         error
}

// exportOf returns the export of g in format (and, for csv, file), from
// g's memo. An unknown format or file is a query error.
func exportOf(g *graph.Graph, format, file string) (*exportFile, error) {
	if format != "csv" {
		file = ""
		if _, ok := ExportFormats[format]; !ok {
			return nil, badRequest(pathways.CodeInvalid, "Format inconnu « %s »\u202f: graphml, jgf, csv, dot ou cypher.", format)
		}
	} else if file == "" {
		return nil, badRequest(pathways.CodeMissing, "format=csv écrit deux fichiers\u202f: précisez file=nodes ou file=edges.")
	} else if file != "nodes" && file != "edges" {
		return nil, badRequest(pathways.CodeInvalid, "file doit valoir nodes ou edges.")
	}
	f := g.Memo(exportKey{format, file}, func() any { return buildExport(g, format, file) }).(*exportFile)
	return f, f.err
}

func buildExport(g *graph.Graph, format, file string) *exportFile {
	if format == "csv" {
		var nodes, edges bytes.Buffer
		err := graph.WriteCSV(&nodes, &edges, g)
		body := nodes.Bytes()
		if file == "edges" {
			body = edges.Bytes()
		}
		return &exportFile{name: g.Dataset + "-" + file + ".csv", ctype: "text/csv; charset=utf-8", body: body, err: err}
	}
	f := ExportFormats[format]
	var buf bytes.Buffer
	err := f.Write(&buf, g)
	return &exportFile{name: g.Dataset + "." + f.Ext, ctype: f.ContentType, body: buf.Bytes(), err: err}
}

// handleExport answers GET /api/export?format=graphml|jgf|dot|cypher, and
// format=csv&file=nodes|edges: the whole graph of the dataset, as a file
// to download. The links of the DOT export are relative to the root of
// this server (/?job=…&amp;dataset=…): they work in the SVG the server
// draws; a DOT rendered elsewhere keeps them relative. The file is computed once per graph and streamed from
// memory; at most maxExportsInFlight are written at once, beyond which
// the answer is 503 with Retry-After.
func (s *server) handleExport() gin.HandlerFunc {
	slots := s.exportSlots
	return func(c *gin.Context) {
		p, g, err := s.request(c)
		if err != nil {
			writeError(c, err)
			return
		}
		format, err := p.text("format")
		if err != nil {
			writeError(c, err)
			return
		}
		f, err := exportOf(g, strings.ToLower(format), p.str("file"))
		if err != nil {
			writeError(c, err)
			return
		}
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
		default:
			writeError(c, errExportBusy)
			return
		}
		c.Header("Content-Disposition", `attachment; filename="`+f.name+`"`)
		c.Header("Cache-Control", "public, max-age=60")
		c.Header("Content-Type", f.ctype)
		http.ServeContent(c.Writer, c.Request, "", time.Time{}, bytes.NewReader(f.body))
	}
}

// errExportBusy refuses an export when maxExportsInFlight are being
// written.
var errExportBusy = &httpError{code: codeExportBusy, retryAfter: 5,
	msg: "Trop de téléchargements en cours\u202f: réessayez dans quelques secondes."}
