package web

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/pathways-fr/pathways/graph"
)

// LogReload logs the outcome of a reload: the datasets now served, or the
// error and that the old data keeps serving.
func LogReload(ctx context.Context, log *slog.Logger, how string, gs []*graph.Graph, err error) {
	if err != nil {
		log.LogAttrs(ctx, slog.LevelError, "rechargement refusé : les données précédentes restent en service",
			slog.String("par", how), slog.String("error", err.Error()))
		return
	}
	attrs := []slog.Attr{slog.String("par", how)}
	for _, g := range gs {
		attrs = append(attrs, slog.Group(g.Dataset, slog.Int("nodes", g.Len()), slog.Int("edges", len(g.Edges()))))
	}
	log.LogAttrs(ctx, slog.LevelInfo, "données rechargées", attrs...)
}

// authorize checks the admin token of a request, or answers 401 (a
// wrong or missing token) or 429 (too many wrong tokens from this
// client) and reports false. Every refusal is logged and counted.
func (s *server) authorize(c *gin.Context) bool {
	client := clientKey(c.ClientIP())
	refuse := func(result string, err error) bool {
		s.metrics.adminRefused.WithLabelValues(result).Inc()
		s.log.LogAttrs(c.Request.Context(), slog.LevelWarn, "authentification d’administration refusée",
			slog.String("ip", c.ClientIP()), slog.String("result", result))
		writeError(c, err)
		return false
	}
	if wait := s.adminLimit.waitFor(client); wait > 0 {
		return refuse("throttled", limited("jetons d'administration invalides", wait))
	}
	// Comparing hashes takes the same time whatever the lengths.
	want := sha256.Sum256([]byte(s.adminToken))
	scheme, token, _ := strings.Cut(c.GetHeader("Authorization"), " ")
	got := sha256.Sum256([]byte(strings.TrimSpace(token)))
	if subtle.ConstantTimeCompare(got[:], want[:]) == 1 && strings.EqualFold(scheme, "Bearer") {
		return true
	}
	s.adminLimit.allow(client)
	c.Header("WWW-Authenticate", `Bearer realm="pathways"`)
	return refuse("unauthorized", &httpError{code: codeUnauthorized, msg: "jeton d'administration absent ou invalide"})
}

// reloadDoc is the answer of a reload that succeeded.
type reloadDoc struct {
	Status   string                   `json:"status"`
	Datasets map[string]datasetHealth `json:"datasets"`
}

// adminFailuresPerMinute and adminFailuresBurst bound the wrong admin
// tokens a client may try: 5 at once, then one every 12 s. Beyond, every
// attempt, even with the right token, is a 429 until the client waited.
const (
	adminFailuresPerMinute = 5
	adminFailuresBurst     = 5
)

// handleReload answers POST /admin/reload: it reloads the datasets if the
// request bears the admin token (Authorization: Bearer TOKEN). A dataset
// that does not load is a 422 whose message names the file, line and
// field, and the old data keeps serving.
func (s *server) handleReload() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Header("Cache-Control", "no-store")
		if !s.authorize(c) {
			return
		}
		gs, err := s.sets.Reload(c.Request.Context(), s.reload)
		LogReload(c.Request.Context(), s.log, "POST /admin/reload", gs, err)
		if err != nil {
			// Unlike other 500s, the message is shown: only the holder of
			// the token reads it.
			code := codeReloadFailed
			if errors.Is(err, graph.ErrInvalid) {
				code = codeInvalidDataset
			}
			writeError(c, &httpError{code: code, err: err,
				msg: fmt.Sprintf("données refusées, les précédentes restent en service : %v", err)})
			return
		}
		doc := reloadDoc{Status: "ok", Datasets: map[string]datasetHealth{}}
		for _, g := range gs {
			doc.Datasets[g.Dataset] = datasetHealth{Nodes: g.Len(), Edges: len(g.Edges())}
		}
		writeJSON(c, http.StatusOK, doc)
	}
}
