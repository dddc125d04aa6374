# perfvet's build, test and maintenance targets. `make test` is what CI
# runs (see .ci/run); every target works on a fresh clone with only Go
# installed.

GO ?= go
# staticcheck 2026.2.2, a release that supports Go 1.26.
STATICCHECK_VERSION := v0.8.2
# The newest GoReleaser that builds with Go 1.26.8 (v2.18 needs 1.27).
GORELEASER_VERSION := v2.17.0
GORELEASER := bin/tools/goreleaser

.PHONY: all test unit fmt vet dogfood build install lint docs golangci bench corpus nvim-e2e release-snapshot

all: test

## Verification

# test is the whole gate: unit and end-to-end tests, formatting, vet, and
# perfvet clean on its own source.
test: unit fmt vet dogfood

unit:
	$(GO) test ./...

# fmt fails listing the files gofmt would change. testdata holds
# deliberately broken Go (unparsable fixtures) and is not checked.
fmt:
	@files=$$(gofmt -l $$(find . -name '*.go' -not -path '*/testdata/*')); \
	if [ -n "$$files" ]; then echo "gofmt needed:"; echo "$$files"; exit 1; fi

vet:
	$(GO) vet ./...

# dogfood runs perfvet on itself: any finding fails the build.
dogfood:
	$(GO) run ./cmd/perfvet ./...

lint:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) ./...

# golangci builds golangci-lint with the perfvet plugin compiled in
# (cmd/golangci/golangci-lint-perfvet, from the Go module proxy alone) into
# bin/golangci-lint-perfvet and runs the plugin's end-to-end test on
# testdata/golangci. The build takes minutes on a cold build cache.
golangci:
	PERFVET_GOLANGCI=1 $(GO) test -count=1 -timeout=30m -v -run '^TestGolangciLint$$' ./cmd/golangci

# nvim-e2e runs perfvet lsp under headless Neovim's built-in LSP client
# on the lint fixture module, checks that the diagnostics and the quick
# fix arrive under the settings it passes, and prints the Neovim version
# it ran. It installs Debian's
# neovim package when nvim is missing, so it is not part of test.
nvim-e2e:
	@command -v nvim >/dev/null || apt-get install -y neovim
	$(GO) build -o bin/perfvet ./cmd/perfvet
	PERFVET=$(CURDIR)/bin/perfvet FIXTURE=$(CURDIR)/testdata/e2e/lint/cold/cold.go GOWORK=off \
		nvim --headless -u NONE -i NONE -n -c 'luafile cmd/perfvet/testdata/lsp-nvim.lua'

## Building

build:
	$(GO) build -o bin/perfvet ./cmd/perfvet

install:
	$(GO) install ./cmd/perfvet

# release-snapshot runs the release (.goreleaser.yaml) locally without
# publishing: archives for linux, darwin and windows on amd64 and arm64
# and checksums.txt, in dist/. It installs GoReleaser from the Go module
# proxy into bin/tools, checks the six archives against the checksums
# and that each holds the binary, LICENSE and README.md, and runs this
# platform's binary. Seven minutes with a cold build cache, two with a
# warm one, so it is not part of test.
release-snapshot:
	GOBIN=$(CURDIR)/bin/tools $(GO) install github.com/goreleaser/goreleaser/v2@$(GORELEASER_VERSION)
	$(GORELEASER) check
	$(GORELEASER) release --snapshot --clean
	cd dist && sha256sum --strict -c checksums.txt
	@set -e; n=0; for goos in linux darwin windows; do for goarch in amd64 arm64; do \
		ext=tar.gz; [ $$goos != windows ] || ext=zip; \
		archive=$$(echo dist/perfvet_*_$${goos}_$${goarch}.$$ext); \
		[ -f "$$archive" ] || { echo "no $$goos/$$goarch archive in dist"; exit 1; }; \
		case $$ext in zip) files=$$(unzip -Z1 $$archive) ;; *) files=$$(tar tzf $$archive) ;; esac; \
		for f in LICENSE README.md; do echo "$$files" | grep -qx $$f || { echo "$$archive lacks $$f"; exit 1; }; done; \
		echo "$$files" | grep -qE '^perfvet(\.exe)?$$' || { echo "$$archive lacks the perfvet binary"; exit 1; }; \
		grep -q " $$(basename $$archive)$$" dist/checksums.txt || { echo "checksums.txt lacks $$archive"; exit 1; }; \
		n=$$((n+1)); done; done; echo "$$n archives, checksums verified"
	@version=$$(dist/perfvet_$$($(GO) env GOOS)_$$($(GO) env GOARCH)*/perfvet -version); echo "$$version"; \
		case "$$version" in "perfvet v"*) ;; *) echo "want a release version, got: $$version"; exit 1 ;; esac

## Maintenance

# docs regenerates docs/analyzers/*.md from each analyzer's doc.go.
docs:
	$(GO) test ./analyzers -run TestDocs -update

# bench measures perfvet against the load-and-type-check floor and peer
# linters on the standard library and golang.org/x/tools, and writes the
# tables into docs/performance.md. It takes minutes; it is not part of
# test.
bench:
	$(GO) run ./testdata/bench

# corpus runs perfvet on the standard library and on the golang.org/x/tools
# and golang.org/x/sync module sources (see testdata/corpus and
# docs/precision.md). It fails on a crash, an analyzer error, a suggested
# fix after which go build, go vet or (x/sync) go test fails, or findings
# that differ from the checked-in baselines, which it rewrites for review.
# It takes minutes, so it is not part of test. testdata/corpus is outside
# ./..., so it is formatted, vetted and dogfooded here.
corpus:
	@files=$$(gofmt -l testdata/corpus); \
	if [ -n "$$files" ]; then echo "gofmt needed:"; echo "$$files"; exit 1; fi
	$(GO) vet ./testdata/corpus
	$(GO) run ./cmd/perfvet ./testdata/corpus
	$(GO) test -count=1 -timeout 60m -v -run TestCorpus ./testdata/corpus
