package web

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPISpec is the OpenAPI 3 description of every route of the server,
// written by hand. openapi_test.go checks it against the real answers.
//
//go:embed openapi.json
var openAPISpec []byte

// handleOpenAPI answers GET /api/openapi.json.
func (s *server) handleOpenAPI() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Header("Cache-Control", "public, max-age=60")
		c.Data(http.StatusOK, jsonType, openAPISpec)
	}
}
