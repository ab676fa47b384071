package web

import "github.com/gin-gonic/gin"

// Renderer turns DOT into SVG. Placeholder, replaced by the SVG views.
type Renderer struct{}

// Placeholder handlers, replaced by the SVG views.
func (s *server) handleSVGMap() gin.HandlerFunc       { return notYet }
func (s *server) handleSVGPath() gin.HandlerFunc      { return notYet }
func (s *server) handleSVGReachable() gin.HandlerFunc { return notYet }
func (s *server) handleSVGFeeders() gin.HandlerFunc   { return notYet }
func (s *server) handleSVGJob() gin.HandlerFunc       { return notYet }
