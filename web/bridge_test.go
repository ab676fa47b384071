package web

import (
	"net/http"
	"slices"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/pathways"
)

// TestJobBridge checks the way back from a ROME card to the métiers that
// belong to it, and that a métier's card lists its ROME cards.
func TestJobBridge(t *testing.T) {
	rome := fixture.ROME4(t)
	h, err := NewServer(Config{Datasets: NewDatasets("metiers", fixture.Metiers(t), rome)})
	if err != nil {
		t.Fatalf("NewServer: %v", err)
	}
	var card pathways.JobDetail
	apiGet(t, h, "/api/jobs/M1805?dataset=rome", &card)
	var ids []string
	for _, m := range card.Metiers {
		ids = append(ids, string(m.ID))
	}
	if !slices.Contains(ids, "developpeur-web") || !slices.Contains(ids, "ingenieur-etudes-developpement") {
		t.Errorf("GET /api/jobs/M1805?dataset=rome metiers = %v, want developpeur-web and ingenieur-etudes-developpement among them", ids)
	}
	var metier pathways.JobDetail
	apiGet(t, h, "/api/jobs/developpeur-web", &metier)
	if len(metier.Metiers) != 0 {
		t.Errorf("GET /api/jobs/developpeur-web metiers = %v, want none on a métier", metier.Metiers)
	}
	if !slices.ContainsFunc(metier.Rome, func(r graph.RomeLink) bool { return r.Code == "M1805" }) {
		t.Errorf("GET /api/jobs/developpeur-web rome = %v, want M1805", metier.Rome)
	}
	if rec := apiDo(h, http.MethodGet, "/api/jobs/M1805?dataset=rome"); rec.Code != http.StatusOK {
		t.Errorf("GET /api/jobs/M1805?dataset=rome = %d", rec.Code)
	}
}
