package main

import (
	"math/rand/v2"
	"testing"

	"github.com/pathways-fr/pathways/cmd/internal/datasets"
	"github.com/pathways-fr/pathways/web"
)

// TestLoadTour checks that the first requests of every client of the
// load test cover every GET route of the server, whatever its draws: the
// verdict fails a route never answered. (The load itself is run by make
// loadtest: how much it gets through depends on the machine.)
func TestLoadTour(t *testing.T) {
	graphs, err := datasets.LoadAll(datasets.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mix, err := newLoadMix(web.NewDatasets("metiers", graphs...))
	if err != nil {
		t.Fatal(err)
	}
	for seed := range uint64(20) {
		covered := map[string]bool{}
		bad := 0
		for _, r := range mix.tour(rand.New(rand.NewPCG(seed, 1))) {
			covered[r.route] = true
			if r.class == classBad {
				bad++
			}
		}
		for _, route := range loadRoutes {
			if !covered[route] {
				t.Errorf("seed %d: the tour asks no %s", seed, route)
			}
		}
		if bad != 1 {
			t.Errorf("seed %d: the tour asks %d bad queries, want 1", seed, bad)
		}
	}
}

// TestLoadVerdict checks that the verdict fails a run with a 5xx, a
// connection error, a route never answered, or memory over the bounds.
func TestLoadVerdict(t *testing.T) {
	mix := &loadMix{routes: []string{"/api/jobs", "/svg/map"}}
	good := func() *loadResult {
		res := &loadResult{cfg: loadConfig{maxHeap: 100, maxRSS: 200}, tallies: map[string]*tally{classAll: {}},
			routes: map[string]int{"/api/jobs": 3, "/svg/map": 1}}
		res.memAfter, res.memPeak = memSample{heapInuse: 100, rss: 150}, memSample{heapInuse: 120, rss: 200}
		return res
	}
	res := good()
	res.judge(mix)
	if len(res.failures) > 0 {
		t.Errorf("judge of a good run = %v, want no failure", res.failures)
	}
	for _, tt := range []struct {
		what  string
		spoil func(*loadResult)
	}{
		{"a 5xx", func(r *loadResult) { r.tallies[classAll].server = 1 }},
		{"a connection error", func(r *loadResult) { r.tallies[classAll].connErrs = 1 }},
		{"a route never answered", func(r *loadResult) { delete(r.routes, "/svg/map") }},
		{"the heap over its bound", func(r *loadResult) { r.memAfter.heapInuse = 101 }},
		{"the resident size over its bound", func(r *loadResult) { r.memPeak.rss = 201 }},
	} {
		res := good()
		tt.spoil(res)
		res.judge(mix)
		if len(res.failures) == 0 {
			t.Errorf("judge of a run with %s: no failure", tt.what)
		}
	}
}
