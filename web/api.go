package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Placeholder handlers, replaced by the JSON API.
func notYet(c *gin.Context) { c.String(http.StatusNotImplemented, "not implemented") }

func (s *server) handleHealth() gin.HandlerFunc    { return notYet }
func (s *server) handleJobs() gin.HandlerFunc      { return notYet }
func (s *server) handleJob() gin.HandlerFunc       { return notYet }
func (s *server) handleResolve() gin.HandlerFunc   { return notYet }
func (s *server) handlePath() gin.HandlerFunc      { return notYet }
func (s *server) handleReachable() gin.HandlerFunc { return notYet }
func (s *server) handleFeeders() gin.HandlerFunc   { return notYet }
func (s *server) handleLevels() gin.HandlerFunc    { return notYet }
