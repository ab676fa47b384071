# Thin aliases for go commands; CI runs `make test` through .ci/run.
GO ?= go

.PHONY: all run test fuzz vet build bench loadtest clean

all: vet test build

run:
	$(GO) run ./cmd/pathways serve

# go test -fuzz takes one target at a time. Each runs a fixed number of
# inputs, not a fixed time: a time limit that ends while a slow input is
# running fails with "context deadline exceeded" on a busy machine. The
# route and ROME 4.0 targets run fewer: each of their inputs goes through
# the whole server, or loads a whole release.
FUZZTIME ?= 10000x
FUZZTIME_SERVER ?= 300x
FUZZTIME_RELEASE ?= 20x

# The CLI's scripts run the command in-process, loading ROME 4.0 at each
# line: under the race detector that is ten times slower and gains
# nothing the server tests (web, under -race) do not already check.
test: fuzz
	$(GO) vet ./...
	$(GO) test -count=1 ./cmd/...
	$(GO) test -race -count=1 $$($(GO) list ./... | grep -v /cmd/)

fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzRouteQuery$$' -fuzztime $(FUZZTIME_SERVER) ./web
	$(GO) test -run '^$$' -fuzz '^FuzzLoadROME$$' -fuzztime $(FUZZTIME) ./graph
	$(GO) test -run '^$$' -fuzz '^FuzzLoadROME4$$' -fuzztime $(FUZZTIME_RELEASE) ./graph
	$(GO) test -run '^$$' -fuzz '^FuzzFindLevels$$' -fuzztime $(FUZZTIME) ./graph
	$(GO) test -run '^$$' -fuzz '^FuzzReadAccessLevel$$' -fuzztime $(FUZZTIME) ./graph
	$(GO) test -run '^$$' -fuzz '^FuzzLoadMetiers$$' -fuzztime $(FUZZTIME) ./graph
	$(GO) test -run '^$$' -fuzz '^FuzzParseLevel$$' -fuzztime $(FUZZTIME) ./graph
	$(GO) test -run '^$$' -fuzz '^FuzzKey$$' -fuzztime $(FUZZTIME) ./graph
	$(GO) test -run '^$$' -fuzz '^FuzzLoadCSV$$' -fuzztime $(FUZZTIME) ./graph
	$(GO) test -run '^$$' -fuzz '^FuzzResolve$$' -fuzztime $(FUZZTIME) ./pathways

vet:
	$(GO) vet ./...

build:
	$(GO) build -o bin/ ./cmd/...

# One table: load, memory and queries of every dataset beside
# dominikbraun/graph, then the server over HTTP on 127.0.0.1 and the
# start of bin/pathways. The tooling is its own binary, pathways-bench.
bench: build
	./bin/pathways-bench bench --http

loadtest: build
	./bin/pathways-bench loadtest --duration 60s
	./bin/pathways-bench scenarios

clean:
	rm -rf bin
