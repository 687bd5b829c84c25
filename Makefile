# The two commands of the README: `make demo` and `make test`.
# Everything else here is a convenience over CMake.
BUILD_DIR ?= build
JOBS ?= 2
# Tests run at once: the integration tests mostly wait on rate-limit pacing (2-30 % of a core each).
CTEST_JOBS ?= 8
CMAKE_FLAGS ?=

.PHONY: all deps build test demo bench sanitize fuzz-smoke sdk-test clean

all: build

deps:
	@./scripts/install-deps.sh

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j$(JOBS)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j$(CTEST_JOBS)

demo: build
	./scripts/demo.sh $(BUILD_DIR)

bench: deps
	cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DFRR_BUILD_BENCH=ON
	cmake --build build-bench -j$(JOBS)
	./scripts/bench.sh build-bench

sanitize: deps
	cmake -S . -B build-asan -DFRR_SANITIZE=ON -DFRR_WARNINGS_AS_ERRORS=ON -DCMAKE_BUILD_TYPE=Debug
	cmake --build build-asan -j$(JOBS)
	cd build-asan && ctest --output-on-failure -j$(CTEST_JOBS)

# CI's short fuzzing run: builds the libFuzzer targets with clang in build-fuzz/, replays
# the known crash inputs, runs each target FUZZ_SECONDS; fails on any crash.
# Longer runs: scripts/fuzz.sh 600 (docs/fuzzing.md).
FUZZ_SECONDS ?= 25
fuzz-smoke: deps
	JOBS=$(JOBS) FRR_FUZZ_BUILD=$(CURDIR)/build-fuzz ./scripts/fuzz.sh $(FUZZ_SECONDS)

# Opt-in, not part of `make test`: the platforms' official client libraries (npm packages pinned
# in test/sdk/package-lock.json, installed by `npm ci` into $(BUILD_DIR)/sdk-node on first use;
# needs node, npm and the npm registry) page through frr-sim (docs/simulator.md).
sdk-test: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) --target frr-sim -j$(JOBS)
	FRR_SIM=$(BUILD_DIR)/frr-sim ./test/sdk/run.sh

clean:
	rm -rf $(BUILD_DIR) build-bench build-asan
