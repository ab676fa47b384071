package web

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"

	"github.com/goccy/go-graphviz"

	"github.com/pathways-fr/pathways/internal/proc"
)

// The render worker: the child process that runs go-graphviz, its
// protocol with the server, and the server's handle on it.

// renderWorkerEnv is set to "1" in the environment of a render worker.
const renderWorkerEnv = "PATHWAYS_RENDER_WORKER"

// ServeIfRenderWorker makes this process a render worker when a
// Renderer started it as one (renders run in child processes of the
// server's own binary): it then serves renders on stdin and stdout and
// exits. Otherwise it returns at once. The main function of every binary
// that starts a Renderer calls it first, test binaries (TestMain)
// included.
func ServeIfRenderWorker() {
	if os.Getenv(renderWorkerEnv) == "1" {
		os.Exit(serveRenderWorker(os.Stdin, os.Stdout))
	}
}

// Reply status of the worker protocol.
const (
	replyOK    byte = 0
	replyError byte = 1 // Graphviz refused the DOT; the worker goes on
	replyFatal byte = 2 // the worker is exiting
)

// maxFrame bounds a frame of the worker protocol, whatever the
// configuration says.
const maxFrame = 256 << 20

// The worker protocol: the parent sends a request, a big-endian uint32
// length then that many bytes of DOT; the worker answers with a status
// byte, a uint32 length and the SVG or an error message. On start, the
// worker sends an empty replyOK once Graphviz is ready.

func writeRequest(w io.Writer, dot []byte) error {
	var hdr [4]byte
	binary.BigEndian.PutUint32(hdr[:], uint32(len(dot)))
	if _, err := w.Write(hdr[:]); err != nil {
		return err
	}
	_, err := w.Write(dot)
	return err
}

func writeReply(w io.Writer, status byte, payload []byte) error {
	var hdr [5]byte
	hdr[0] = status
	binary.BigEndian.PutUint32(hdr[1:], uint32(len(payload)))
	if _, err := w.Write(hdr[:]); err != nil {
		return err
	}
	_, err := w.Write(payload)
	return err
}

// readFrame reads a length and that many bytes, refusing more than limit.
func readFrame(r io.Reader, limit int) ([]byte, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(hdr[:])
	if int64(n) > int64(limit) {
		return nil, fmt.Errorf("%w: frame of %d bytes", errRenderTooLarge, n)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return b, nil
}

// serveRenderWorker renders the DOT requests read from r as SVG replies
// on w until r ends, and returns the exit code of the process. Only
// go-graphviz runs here, one render at a time.
func serveRenderWorker(r io.Reader, w io.Writer) int {
	ctx := context.Background()
	gv, err := graphviz.New(ctx)
	if err != nil {
		writeReply(w, replyFatal, []byte(err.Error()))
		return 1
	}
	// No Close: the process ends with the worker, and closing leaks too.
	bw := bufio.NewWriterSize(w, 64<<10)
	if writeReply(bw, replyOK, nil) != nil || bw.Flush() != nil {
		return 1
	}
	br := bufio.NewReaderSize(r, 64<<10)
	var out bytes.Buffer
	for {
		dot, err := readFrame(br, maxFrame)
		if err == io.EOF {
			return 0
		}
		if err != nil {
			writeReply(bw, replyFatal, []byte(err.Error()))
			bw.Flush()
			return 1
		}
		out.Reset()
		status, payload := replyOK, []byte(nil)
		if err := renderSVG(ctx, gv, dot, &out); err != nil {
			status, payload = replyError, []byte(err.Error())
			var pe panicError
			if errors.As(err, &pe) {
				status = replyFatal
			}
		} else {
			payload = out.Bytes()
		}
		if writeReply(bw, status, payload) != nil || bw.Flush() != nil || status == replyFatal {
			return 1
		}
		if out.Cap() > 4<<20 {
			out = bytes.Buffer{}
		}
	}
}

type panicError struct{ v any }

func (e panicError) Error() string { return fmt.Sprintf("graphviz panicked: %v", e.v) }

// renderSVG lays out one DOT graph and writes it as SVG. A panic of
// go-graphviz is returned as a panicError: the module may be corrupt.
func renderSVG(ctx context.Context, gv *graphviz.Graphviz, dot []byte, w io.Writer) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = panicError{v}
		}
	}()
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return err
	}
	defer g.Close()
	return gv.Render(ctx, g, graphviz.SVG, w)
}

// worker is a render worker process. Only the render holding its slot
// uses it.
type worker struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	stdout  *bufio.Reader
	stderr  *tailBuffer
	renders int
	once    sync.Once
}

type reply struct {
	status  byte
	payload []byte
	err     error // the worker could not be read: it died
}

// exchange sends one request and reads its reply.
func (w *worker) exchange(dot []byte, limit int) reply {
	if err := writeRequest(w.stdin, dot); err != nil {
		return reply{err: err}
	}
	return w.readReply(limit)
}

func (w *worker) readReply(limit int) reply {
	status, err := w.stdout.ReadByte()
	if err != nil {
		return reply{err: err}
	}
	if status != replyOK {
		limit = 64 << 10 // an error message
	}
	b, err := readFrame(w.stdout, limit)
	if err != nil {
		return reply{err: err}
	}
	return reply{status: status, payload: b}
}

// kill ends the process and reaps it; it may be called more than once.
func (w *worker) kill() {
	w.once.Do(func() {
		w.cmd.Process.Kill()
		w.cmd.Wait()
	})
}

func (w *worker) pid() int { return w.cmd.Process.Pid }

// rss returns the resident bytes of the worker, or 0 where /proc is not
// there to say.
func (w *worker) rss() int64 { return proc.RSS(w.pid()) }

// tailBuffer keeps the last bytes written to it: the end of a worker's
// standard error, for the log.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = append(t.b[:0:0], t.b[len(t.b)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}
