package main

import (
	"bytes"
	"errors"
	"net"
	"net/http"
	"strconv"
	"time"
)

// A replay server answers, on a listener of its own, the bytes the
// pathways server answered to a few requests, as they were (status 200,
// the same header and body), with net/http alone: no gin, no middleware,
// no query. Measured beside the routes it copies, it shows what moving an
// answer of that size costs the server and its clients, which no work of
// the server can take below: the share of /api/path to /healthz can be no
// higher than that of their replays.
type replayServer struct {
	base string
	srv  *http.Server
}

// replayPath is where a replay server serves the answer of its i-th
// request.
func replayPath(i int) string { return "/replay/" + strconv.Itoa(i) }

// startReplay fetches each of paths from base with client and serves
// the answers on 127.0.0.1, at replayPath(i).
func startReplay(client *http.Client, base string, paths []string) (*replayServer, error) {
	mux := http.NewServeMux()
	for i, p := range paths {
		h, err := recordAnswer(client, base+p)
		if err != nil {
			return nil, err
		}
		mux.Handle(replayPath(i), h)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: time.Minute}
	go func() { _ = srv.Serve(ln) }()
	return &replayServer{base: "http://" + ln.Addr().String(), srv: srv}, nil
}

func (r *replayServer) close() error {
	if err := r.srv.Close(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// recordAnswer gets u as fetch does and returns a handler writing the
// same answer: its header (but Date, which net/http writes) and body.
func recordAnswer(client *http.Client, u string) (http.Handler, error) {
	var body bytes.Buffer
	header, err := fetchTo(client, u, &body)
	if err != nil {
		return nil, err
	}
	header = header.Clone()
	header.Del("Date")
	header.Set("Content-Length", strconv.Itoa(body.Len()))
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		_, _ = w.Write(body.Bytes())
	}), nil
}
