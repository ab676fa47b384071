// Package browser_test drives the page in a real Chromium (chromedp) on a
// server with every dataset, and runs axe-core at each state. It is a
// package of its own so that its long walk has a test binary, and a
// time budget, of its own.
package browser_test

import (
	"os"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/pathways-fr/pathways/web"
)

func TestMain(m *testing.M) {
	web.ServeIfRenderWorker() // the renderer starts this test binary as its worker
	gin.SetMode(gin.TestMode)
	os.Exit(m.Run())
}
