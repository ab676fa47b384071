package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// securityHeaders are set on every response.
var securityHeaders = map[string]string{
	"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
	"X-Content-Type-Options": "nosniff",
	"X-Frame-Options":        "DENY",
	"Referrer-Policy":        "same-origin",
}

// withSecurityHeaders sets the security headers before h runs. It wraps
// the whole engine rather than being a gin middleware so that the answers
// gin writes by itself carry them too.
func withSecurityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr := w.Header()
		for k, v := range securityHeaders {
			hdr.Set(k, v)
		}
		if r.Method == http.MethodOptions && r.RequestURI == "*" {
			// What net/http answers by itself, with our headers.
			hdr.Set("Content-Length", "0")
			w.WriteHeader(http.StatusOK)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// requestLog logs one line per request once it is answered. The error
// behind a 500, which the client never sees, is logged here.
func requestLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		status := c.Writer.Status()
		attrs := []slog.Attr{
			slog.String("method", c.Request.Method),
			slog.String("path", c.Request.URL.Path),
			slog.Int("status", status),
			slog.Duration("duration", time.Since(start)),
			slog.Int("bytes", max(c.Writer.Size(), 0)),
			slog.String("ip", c.ClientIP()),
		}
		level := slog.LevelInfo
		if status >= http.StatusInternalServerError {
			level = slog.LevelError
		}
		if errs := c.Errors.Errors(); len(errs) > 0 {
			attrs = append(attrs, slog.String("error", strings.Join(errs, "; ")))
		}
		log.LogAttrs(c.Request.Context(), level, "requête", attrs...)
	}
}

// recovery turns a panic in a handler into a 500 with the JSON error
// document. The panic and its stack go to the log, never to the client.
func recovery(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			// net/http's way to abort a response: let it through.
			if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				panic(v)
			}
			log.LogAttrs(c.Request.Context(), slog.LevelError, "panique",
				slog.String("method", c.Request.Method),
				slog.String("path", c.Request.URL.Path),
				slog.String("panic", fmt.Sprint(v)),
				slog.String("stack", string(debug.Stack())))
			if c.Writer.Written() {
				c.Abort() // too late for an error document
				return
			}
			writeError(c, fmt.Errorf("panic: %v", v))
		}()
		c.Next()
	}
}
