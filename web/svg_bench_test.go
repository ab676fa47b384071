package web

import (
	"github.com/pathways-fr/pathways/internal/fixture"
	"net/http"
	"testing"
)

// BenchmarkSVGMapCached measures a request for the map once drawn: it is
// answered from the cache, without building the view's DOT again.
func BenchmarkSVGMapCached(b *testing.B) {
	r := NewRenderer(RenderConfig{})
	b.Cleanup(func() { r.Close() })
	g := fixture.Metiers(b)
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", g), Renderer: r})
	if err != nil {
		b.Fatal(err)
	}
	if rec := apiDo(h, http.MethodGet, "/svg/map"); rec.Code != http.StatusOK {
		b.Fatalf("GET /svg/map = %d", rec.Code)
	}
	b.ReportAllocs()
	for b.Loop() {
		if rec := apiDo(h, http.MethodGet, "/svg/map"); rec.Code != http.StatusOK {
			b.Fatalf("GET /svg/map = %d", rec.Code)
		}
	}
}
