package web

import (
	"io"

	"github.com/gin-gonic/gin"
)

// Renderer turns DOT into SVG. Placeholder, replaced by the SVG views.
type Renderer struct{}

// Placeholder handlers, replaced by the SVG views.
func (s *server) handleSVGMap() gin.HandlerFunc       { return notYet }
func (s *server) handleSVGPath() gin.HandlerFunc      { return notYet }
func (s *server) handleSVGReachable() gin.HandlerFunc { return notYet }
func (s *server) handleSVGFeeders() gin.HandlerFunc   { return notYet }
func (s *server) handleSVGJob() gin.HandlerFunc       { return notYet }

// IsRenderWorker reports whether this process was started as a render
// worker. Placeholder, replaced by the SVG views.
func IsRenderWorker() bool { return false }

// ServeRenderWorker renders DOT read from r as SVG on w until r ends and
// returns the process exit code. Placeholder, replaced by the SVG views.
func ServeRenderWorker(r io.Reader, w io.Writer) int { return 1 }
