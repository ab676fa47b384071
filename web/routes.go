package web

import "github.com/gin-gonic/gin"

// addRoutes lists every route of the server.
func addRoutes(r *gin.Engine, s *server) {
	r.GET("/healthz", s.handleHealth())
	if !s.separateMetrics {
		r.GET("/metrics", s.handleMetrics())
	}

	api := r.Group("/api")
	api.GET("/jobs", answer(s, jobs))
	api.GET("/jobs/:id", s.handleJob())
	api.GET("/resolve", answer(s, resolve))
	api.GET("/path", answer(s, paths))
	api.GET("/reachable", answer(s, reachable))
	api.GET("/feeders", answer(s, feeders))
	api.GET("/levels", answer(s, levels))
	api.GET("/compare", answer(s, s.compare))
	api.GET("/suggest", answer(s, s.suggest))
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
