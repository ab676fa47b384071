package main

import (
	"testing"
)

func TestScenarioResult(t *testing.T) {
	var r scenarioResult
	r.check(true, "never")
	if len(r.failed) != 0 {
		t.Errorf("check(true) recorded a failure: %v", r.failed)
	}
	r.check(false, "%d × 503", 3)
	if len(r.failed) != 1 || r.failed[0] != "3 × 503" {
		t.Errorf("check(false) recorded %v, want one failure", r.failed)
	}
	if got, want := fmtStatuses(map[int]int{503: 1, 200: 4, 0: 2}), "2 × sans réponse, 4 × 200, 1 × 503"; got != want {
		t.Errorf("fmtStatuses = %q, want %q", got, want)
	}
}
