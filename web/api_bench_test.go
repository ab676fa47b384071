package web

import (
	"net/http"
	"testing"

	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/testtool"
)

// BenchmarkAPIPath measures, without the network, the two requests whose
// throughput make bench compares (/api/path must reach 0.70 × /healthz
// over HTTP): the route from technicien to architecte, text resolution
// included, and /healthz, with the server's middleware, as a browser
// asks them (gzip accepted).
func BenchmarkAPIPath(b *testing.B) {
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", fixture.Metiers(b))})
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range []struct{ name, target string }{
		{"healthz", "/healthz"},
		{"path", "/api/path?from=technicien&to=architecte"},
	} {
		b.Run(r.name, func(b *testing.B) {
			b.ReportAllocs()
			start := testtool.CPUTime(b)
			for b.Loop() {
				if rec := apiDo(h, http.MethodGet, r.target, "Accept-Encoding", "gzip"); rec.Code != http.StatusOK {
					b.Fatalf("GET %s = %d", r.target, rec.Code)
				}
			}
			b.ReportMetric(float64(testtool.CPUTime(b)-start)/float64(b.N), "cpu-ns/op")
		})
	}
}
