package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestLoadShort runs the load test for 3 seconds: the real server on
// 127.0.0.1 with both datasets and a real renderer, saturated by 8
// clients over every route and 2 on the JSON API, with reloads (fewer
// clients than the command's default, so that renders under the race
// detector, on a machine busy with the other packages' tests, stay far
// below the renderer's queue wait). It must end with no 5xx and no
// connection error, every route answered, and the heap within its bound.
// The bound on the resident size is not checked here: the race detector,
// which make test turns on, multiplies it; `pathways loadtest` checks it
// on the real binary.
func TestLoadShort(t *testing.T) {
	if testing.Short() {
		t.Skip("the load test takes a few seconds")
	}
	var log bytes.Buffer
	res, err := loadTest(context.Background(), loadConfig{
		duration: 3 * time.Second, clients: 8, apiClients: 2,
		maxHeap: defaultMaxHeapMiB << 20, maxRSS: 1 << 40,
		log: &log,
	})
	if err != nil {
		t.Fatalf("loadTest: %v", err)
	}
	var table bytes.Buffer
	res.print(&table)
	t.Logf("\n%s", table.String())
	if len(res.failures) > 0 {
		t.Errorf("loadTest failed: %s\nserver log:\n%s", strings.Join(res.failures, "; "), log.String())
	}
	for _, c := range loadClasses {
		if res.tallies[c].requests == 0 {
			t.Errorf("loadTest sent no request of class %s", c)
		}
	}
	if res.svgViews == 0 || res.render.Renders == 0 {
		t.Errorf("loadTest drew %d distinct views in %d renders, want some", res.svgViews, res.render.Renders)
	}
	if bad := res.tallies[classBad]; bad.ok > 0 {
		t.Errorf("loadTest: %d bad queries answered 2xx", bad.ok)
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

func TestLoadtestFlags(t *testing.T) {
	for _, args := range [][]string{
		{"loadtest", "--duration", "0s"},
		{"loadtest", "--clients", "0"},
		{"loadtest", "--clients", "1000"},
		{"loadtest", "en-trop"},
	} {
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), args, &stdout, &stderr); exitCode(err) != exitUsage {
			t.Errorf("run(%q) = %v (exit %d), want a usage error", args, err, exitCode(err))
		}
	}
}
