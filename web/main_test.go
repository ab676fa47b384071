package web

import (
	"os"
	"testing"

	"github.com/gin-gonic/gin"
)

func TestMain(m *testing.M) {
	ServeIfRenderWorker() // the renderer starts this test binary as its worker
	gin.SetMode(gin.TestMode)
	os.Exit(m.Run())
}
