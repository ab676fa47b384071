# Thin aliases for go commands; CI runs `make test` through .ci/run.
GO ?= go

.PHONY: all run test vet build bench clean

all: vet test build

run:
	$(GO) run ./cmd/pathways serve

test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

vet:
	$(GO) vet ./...

build:
	$(GO) build -o bin/ ./cmd/...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin
