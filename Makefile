# The two commands of README.md. Both install what a fresh Debian machine with Swift
# lacks (cmark-gfm's headers and libraries) before building.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT ?= swift
# Release builds link the Swift runtime and Foundation statically on Linux: a run starts
# in about half the time (no dynamic relocation of Foundation and ICU), which is most of
# a one-note cron run.
RELEASE := $(SWIFT) build -c release $(shell [ "$$(uname)" = Linux ] && echo --static-swift-stdlib)
BIN = $$($(RELEASE) --show-bin-path)

.PHONY: site serve markdown test deps math-font serve-deps bench-math bench browser-check fuzz fuzz-smoke test-asan

## Render notes/ into site/ (HTML), with the math font the pages use.
site: deps math-font
	$(RELEASE) --product diary
	$(BIN)/diary render notes/ --out site/

## Preview notes/ at http://127.0.0.1:4000/ while writing (Ctrl-C stops it).
serve: deps math-font serve-deps
	$(RELEASE) --product diary
	$(RELEASE) --product diary-serve
	$(BIN)/diary serve notes/

## Render notes/ into site-md/ (GitHub-flavoured markdown).
markdown: deps
	$(RELEASE) --product diary
	$(BIN)/diary render notes/ --out site-md/ --format markdown

## DiaryMath against NumPy, side by side (release build; needs python3 with numpy).
bench-math:
	$(RELEASE) --product DiaryMathBench
	python3 bench/math.py --bin $(BIN)/DiaryMathBench

## Math in headless Chromium: every TeX construct and the original note (about 30 s).
browser-check:
	bash .ci/browser-check/run

## diary against cmark-gfm, Hugo and pandoc on a generated corpus, then on adversarial
## note shapes against cmark-gfm, then `diary serve` against `hugo server` (release build).
bench: deps serve-deps
	@for tool in cmark-gfm hugo pandoc; do command -v $$tool >/dev/null || { $(SUDO) apt-get update -qq; DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq cmark-gfm hugo pandoc >/dev/null; break; }; done
	$(RELEASE) --product diary
	$(RELEASE) --product diary-serve
	python3 bench/site.py --bin $(BIN)/diary
	python3 bench/adversarial.py --bin $(BIN)/diary
	python3 bench/serve.py --bin $(BIN)

## Fuzz every target with libFuzzer and AddressSanitizer for FUZZ_SECONDS each (default 60).
FUZZ_SECONDS ?= 60
fuzz: deps
	bash fuzz/run $(FUZZ_SECONDS)

## The fuzz targets from the checked-in seeds, a fixed number of runs each with a fixed seed (CI).
fuzz-smoke: deps
	FUZZ_SMOKE=1 bash fuzz/run

## The math core and the calc language's tests, optimised, under AddressSanitizer:
## memory errors that only -O exposes (operands released early, swiftlang/swift#65379).
test-asan: deps
	$(SWIFT) build -c release --scratch-path .build-asan -Xswiftc -sanitize=address -Xswiftc -enable-testing --build-tests
	# Memory errors fail the run; leak reports are off: XCTest's and Foundation's runtimes
	# keep objects to the end (the fuzz targets check each input for leaks).
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test -c release --scratch-path .build-asan -Xswiftc -sanitize=address -Xswiftc -enable-testing --skip-build \
	  --filter '^(DiaryMathTests|CalcTests)\.'

## Debian packages that are missing, installed quietly (elsewhere: nothing is done).
apt_install = if command -v dpkg-query >/dev/null 2>&1; then \
	  missing=""; \
	  for pkg in $(1); do \
	    dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	  done; \
	  if [ -n "$$missing" ]; then \
	    echo "installing$$missing"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  fi; \
	fi

## Latin Modern Math (Debian's fonts-lmodern): diary copies it into the site, so readers
## without a math font see sums and radicals at their proper size.
math-font:
	@$(call apt_install,fonts-lmodern)

## The preview server's HTTP library links Foundation's networking, which needs libcurl's
## development files to link statically (a documented prerequisite of Swift on Linux).
serve-deps:
	@$(call apt_install,libcurl4-openssl-dev)

## Build and run the whole test suite.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

deps:
	@$(call apt_install,libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config git)
	@if ! command -v dpkg-query >/dev/null 2>&1 && ! pkg-config --exists libcmark-gfm 2>/dev/null; then \
	  echo "diary needs cmark-gfm: install it with your package manager (e.g. 'brew install cmark-gfm')" >&2; exit 1; \
	fi
