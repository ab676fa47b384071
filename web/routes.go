package web

import "github.com/gin-gonic/gin"

// addRoutes lists every route of the server.
func addRoutes(r *gin.Engine, s *server) {
	r.GET("/healthz", s.handleHealth())
	if !s.separateMetrics {
		r.GET("/metrics", s.handleMetrics())
	}

	api := r.Group("/api")
	api.GET("/jobs", s.handleJobs())
	api.GET("/jobs/:id", s.handleJob())
	api.GET("/resolve", s.handleResolve())
	api.GET("/path", s.handlePath())
	api.GET("/reachable", s.handleReachable())
	api.GET("/feeders", s.handleFeeders())
	api.GET("/levels", s.handleLevels())
	api.GET("/compare", s.handleCompare())
	api.GET("/suggest", s.handleSuggest())
	api.GET("/openapi.json", s.handleOpenAPI())
	api.GET("/export", s.handleExport())

	svg := r.Group("/svg")
	svg.GET("/map", s.handleSVGMap())
	svg.GET("/path", s.handleSVGPath())
	svg.GET("/reachable", s.handleSVGReachable())
	svg.GET("/feeders", s.handleSVGFeeders())
	svg.GET("/jobs/:id", s.handleSVGJob())

	if s.adminToken != "" {
		r.POST("/admin/reload", s.handleReload())
	}

	addPageRoutes(r, s)
}
