package main

import (
	"os"
	"testing"

	"github.com/pathways-fr/pathways/web"
)

func TestMain(m *testing.M) {
	// The renderer starts this test binary as its worker process.
	if web.IsRenderWorker() {
		os.Exit(web.ServeRenderWorker(os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}
