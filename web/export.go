package web

import (
	"bytes"
	"io"
	"net/http"
	"strings"

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

// handleExport answers GET /api/export?format=graphml|jgf|dot|cypher, and
// format=csv&file=nodes|edges: the whole graph of the dataset, as a file
// to download.
func (s *server) handleExport() gin.HandlerFunc {
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
		format = strings.ToLower(format)
		var buf bytes.Buffer
		name, ctype := g.Dataset, ""
		if format == "csv" {
			file := p.str("file")
			var nodes, edges bytes.Buffer
			switch file {
			case "nodes", "edges":
			case "":
				writeError(c, badRequest(pathways.CodeMissing, "format=csv écrit deux fichiers : précisez file=nodes ou file=edges"))
				return
			default:
				writeError(c, badRequest(pathways.CodeInvalid, "file doit valoir nodes ou edges"))
				return
			}
			if err := graph.WriteCSV(&nodes, &edges, g); err != nil {
				writeError(c, err)
				return
			}
			if file == "nodes" {
				buf = nodes
			} else {
				buf = edges
			}
			name, ctype = g.Dataset+"-"+file+".csv", "text/csv; charset=utf-8"
		} else {
			f, ok := ExportFormats[format]
			if !ok {
				writeError(c, badRequest(pathways.CodeInvalid, "format inconnu « %s » : graphml, jgf, csv, dot ou cypher", format))
				return
			}
			if err := f.Write(&buf, g); err != nil {
				writeError(c, err)
				return
			}
			name, ctype = g.Dataset+"."+f.Ext, f.ContentType
		}
		c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
		c.Header("Cache-Control", "public, max-age=60")
		c.Data(http.StatusOK, ctype, buf.Bytes())
	}
}
