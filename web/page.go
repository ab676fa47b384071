package web

import "github.com/gin-gonic/gin"

// addPageRoutes serves the web page. Placeholder, replaced by the page.
func addPageRoutes(r *gin.Engine, s *server) {}
