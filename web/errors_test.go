package web

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/pathways-fr/pathways/pathways"
)

func TestDescribeError(t *testing.T) {
	for _, tt := range []struct {
		name   string
		err    error
		status int
		code   string
	}{
		{"unknown job", fmt.Errorf("x: %w", &pathways.Error{Code: pathways.CodeUnknownJob, Message: "m", Err: pathways.ErrUnknownJob}), http.StatusNotFound, pathways.CodeUnknownJob},
		{"bad query", badRequest(pathways.CodeOutOfRange, "k"), http.StatusBadRequest, pathways.CodeOutOfRange},
		{"query code not in the table", &pathways.Error{Code: "new_code", Message: "m", Err: pathways.ErrBadQuery}, http.StatusBadRequest, "new_code"},
		{"unknown dataset", unknownDataset("x", []string{"metiers"}), http.StatusBadRequest, codeUnknownDataset},
		{"no route", errNotFound, http.StatusNotFound, codeNotFound},
		{"view too large", &pathways.Error{Code: codeViewTooLarge, Message: "m", Err: errViewTooLarge}, http.StatusUnprocessableEntity, codeViewTooLarge},
		{"render busy", fmt.Errorf("%w: queue", errRenderBusy), http.StatusServiceUnavailable, codeRenderBusy},
		{"render timeout", fmt.Errorf("%w after 1s", errRenderTimeout), http.StatusServiceUnavailable, codeRenderTimeout},
		{"shutting down", errRenderShutdown, http.StatusServiceUnavailable, codeShuttingDown},
		{"rate limited", limited("cartes", 0), http.StatusTooManyRequests, codeRateLimited},
		{"reload failed", &httpError{code: codeReloadFailed, msg: "disque", err: errors.New("io")}, http.StatusInternalServerError, codeReloadFailed},
		{"no code", errors.New("boom"), http.StatusInternalServerError, codeInternal},
	} {
		status, doc := DescribeError(tt.err)
		if status != tt.status || doc.Error.Code != tt.code {
			t.Errorf("DescribeError(%s) = %d %q, want %d %q", tt.name, status, doc.Error.Code, tt.status, tt.code)
		}
		if doc.Error.Suggestions == nil || doc.Error.Message == "" {
			t.Errorf("DescribeError(%s): suggestions %v, message %q; want [] and a message", tt.name, doc.Error.Suggestions, doc.Error.Message)
		}
	}
	// The cause of an internal error is never shown.
	if _, doc := DescribeError(errors.New("secret path /etc/x")); doc.Error.Message != "erreur interne" {
		t.Errorf("DescribeError(internal) shows %q", doc.Error.Message)
	}
}

// TestErrorTable checks the table: every status is an error status.
func TestErrorTable(t *testing.T) {
	for code, status := range statusOfCode {
		if status < 400 || status > 599 || http.StatusText(status) == "" {
			t.Errorf("statusOfCode[%q] = %d, not an error status", code, status)
		}
	}
}
