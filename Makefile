# SdnController — the two commands are `make run` and `make test`; both set up what is missing.
DOTNET     ?= dotnet
CONFIG     ?= Release
SDNCTL     := $(DOTNET) src/SdnController.Cli/bin/$(CONFIG)/net10.0/sdnctl.dll
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

.PHONY: all setup build run test bench fuzz clean

all: build

setup:
	@tools/setup.sh

build: setup
	$(DOTNET) build SdnController.sln -c $(CONFIG) -nologo -v quiet -clp:NoSummary

# The demo: fat-tree-4 carrying UDP traffic between every pair of hosts (so between all pods); a core
# link fails at 2 s and comes back at 5 s. Prints the run report; JSON report, flow dump and the run's
# OpenTelemetry spans (OTLP JSON) go to out/; ends with the waterfall of the first reroute's trace.
run: build
	$(SDNCTL) validate topologies/*.yaml
	$(SDNCTL) run topologies/fat-tree-4.yaml --scenario topologies/scenarios/fat-tree-4-core-failure.yaml \
	  --json out/run-report.json --dump-flows out/flows.json --traces out/traces.jsonl
	$(SDNCTL) traces out/traces.jsonl --failure 1

test: build
	$(DOTNET) test SdnController.sln -c $(CONFIG) --no-build -nologo

bench: build
	tools/bench/compare-apsp.sh
	$(SDNCTL) bench reroute --k 8 --flows 5000 --failures 20
	$(SDNCTL) bench scale --switches 10000 --flows 100000
	$(SDNCTL) bench reactive --switches 80 --flows 100000
	$(SDNCTL) bench restore --failures 20 --flows 200
	$(SDNCTL) bench nfv
	$(SDNCTL) bench classify

# The full fuzzing campaigns of docs/reliability.md (100,000 files, 10,000,000 frames, 2,000 shell lines + argv).
fuzz: build
	$(DOTNET) tools/fuzz/bin/$(CONFIG)/net10.0/sdnfuzz.dll all --seed 1 --out out/fuzz

clean:
	$(DOTNET) clean SdnController.sln -c $(CONFIG) -nologo -v quiet
