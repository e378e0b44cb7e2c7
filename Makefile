# SdnController — the two commands are `make run` and `make test`; both set up what is missing.
DOTNET     ?= dotnet
CONFIG     ?= Release
SDNCTL     := $(DOTNET) src/SdnController.Cli/bin/$(CONFIG)/net10.0/sdnctl.dll
DEMO_TOPO  ?= topologies/ring-6.yaml
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

.PHONY: all setup build run test bench clean

all: build

setup:
	@tools/setup.sh

build: setup
	$(DOTNET) build SdnController.sln -c $(CONFIG) -nologo -v quiet -clp:NoSummary

# The main job for now: validate and summarise a sample topology, then routes before/after a failure.
run: build
	$(SDNCTL) validate topologies/*.yaml
	$(SDNCTL) show topologies/abilene.yaml --svg out/abilene.svg
	$(SDNCTL) show $(DEMO_TOPO)
	$(SDNCTL) routes $(DEMO_TOPO) --from s1 --to s4 --metric latency --k 3
	$(SDNCTL) routes $(DEMO_TOPO) --from s1 --to s4 --metric latency --fail s2,s3
	$(SDNCTL) routes topologies/abilene.yaml --from n3 --to n0 --metric latency --fail n1,n0
	$(SDNCTL) analyze topologies/abilene.yaml

test: build
	$(DOTNET) test SdnController.sln -c $(CONFIG) --no-build -nologo

bench: build
	tools/bench/compare-apsp.sh

clean:
	$(DOTNET) clean SdnController.sln -c $(CONFIG) -nologo -v quiet
