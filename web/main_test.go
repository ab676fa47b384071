package web

import (
	"os"
	"testing"

	"github.com/gin-gonic/gin"
)

func TestMain(m *testing.M) {
	// The renderer starts this test binary as its worker process.
	if IsRenderWorker() {
		os.Exit(ServeRenderWorker(os.Stdin, os.Stdout))
	}
	gin.SetMode(gin.TestMode)
	os.Exit(m.Run())
}
