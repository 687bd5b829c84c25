# The README's two commands are scripts/demo.sh and scripts/test.sh (they need only bash, so they
# work on a Debian system that has no make yet); `make demo` and `make test` run the same scripts.
# Everything else here is a convenience over CMake.
BUILD_DIR ?= build
JOBS ?= 2
CTEST_JOBS ?= 8
CMAKE_FLAGS ?=
export BUILD_DIR JOBS CTEST_JOBS CMAKE_FLAGS
# cmake --build runs make again below these scripts; without this it announces every directory.
MAKEFLAGS += --no-print-directory

.PHONY: all deps build test demo bench bench-duckdb sanitize fuzz-smoke sdk-test format format-check tidy package clean

all: build

deps:
	@./scripts/install-deps.sh build test

build:
	@./scripts/build.sh

test:
	@./scripts/test.sh

demo:
	@./scripts/demo.sh

bench: deps
	cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DFRR_BUILD_BENCH=ON
	cmake --build build-bench -j$(JOBS)
	./scripts/bench.sh build-bench

# Opt-in, not part of `make bench` or `make test`: frr check --no-fetch against DuckDB (npm package
# pinned in test/bench/duckdb/package-lock.json, installed by `npm ci` into build-bench/duckdb-node on
# first use; needs node, npm and the npm registry) on one 1,000,000-order snapshot with defects: the
# same six record-level questions, the same counts (fails otherwise), wall, CPU and peak RSS of 3
# alternating runs each and their ratios (docs/performance.md "DuckDB comparison").
bench-duckdb: deps
	cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DFRR_BUILD_BENCH=ON
	cmake --build build-bench -j$(JOBS) --target frr snapshot_bench
	./test/bench/duckdb/run.sh build-bench

# The test suite under AddressSanitizer + UndefinedBehaviorSanitizer (Debug, warnings as errors).
# frr and its tests are instrumented; the simulator the integration tests run against is the
# regular build's (built first if need be): it is the tests' fixture, and its own tests run in
# make test. Left out: the report of large-store's 1,000,000-order world (minutes under ASan,
# past the test's timeout on a loaded machine; the sanitized suite runs the same code on every
# other scenario) and the Debian package's test (packaging, not memory: make test runs both).
SANITIZE_EXCLUDE ?= client_copy_test/large-store|package_test
sanitize: deps
	@./scripts/build.sh frr-sim
	cmake -S . -B build-asan -DFRR_SANITIZE=ON -DFRR_WARNINGS_AS_ERRORS=ON -DCMAKE_BUILD_TYPE=Debug \
	  -DFRR_SIM_BINARY=$(abspath $(BUILD_DIR))/frr-sim
	cmake --build build-asan -j$(JOBS)
	cd build-asan && ctest --output-on-failure -j$(CTEST_JOBS) -E '$(SANITIZE_EXCLUDE)'

# CI's short fuzzing run: builds the libFuzzer targets with clang in build-fuzz/, replays
# the known crash inputs, runs the four targets side by side for FUZZ_SECONDS; fails on any crash.
# 50 s side by side on 2 cores gives each target the CPU time 25 s one after another did.
# Longer runs: scripts/fuzz.sh 600 (docs/fuzzing.md).
FUZZ_SECONDS ?= 50
fuzz-smoke:
	@./scripts/install-deps.sh fuzz
	FRR_FUZZ_BUILD=$(CURDIR)/build-fuzz ./scripts/fuzz.sh $(FUZZ_SECONDS)

# clang-format 14 over the tracked C++ files: format-check (CI) changes nothing and fails on a
# difference; format rewrites them.
format-check:
	@./scripts/install-deps.sh lint
	@./scripts/format.sh --check

format:
	@./scripts/install-deps.sh lint
	@./scripts/format.sh

# clang-tidy (.clang-tidy) over lib/ and cli/ with the build's compile_commands.json; takes
# minutes, so not part of CI. TIDY_FILES=regex narrows it (e.g. TIDY_FILES=lib/core/).
TIDY_FILES ?= /(lib|cli)/
tidy: build
	@./scripts/install-deps.sh lint
	run-clang-tidy -quiet -p $(BUILD_DIR) -j$(JOBS) '$(TIDY_FILES)'

# frr_<version>_<arch>.deb in $(BUILD_DIR)/package/ (cmake/Package.cmake).
package: build
	cd $(BUILD_DIR) && cpack -G DEB
	@ls -1 $(BUILD_DIR)/package/*.deb

# Opt-in, not part of `make test`: the platforms' official client libraries (npm packages pinned
# in test/sdk/package-lock.json, installed by `npm ci` into $(BUILD_DIR)/sdk-node on first use;
# needs node, npm and the npm registry) page through frr-sim (docs/simulator.md).
sdk-test: deps
	./scripts/build.sh frr-sim
	FRR_SIM=$(BUILD_DIR)/frr-sim ./test/sdk/run.sh

clean:
	rm -rf $(BUILD_DIR) build-bench build-asan
