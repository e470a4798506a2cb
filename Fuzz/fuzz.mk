# Fuzzing (included by the top-level Makefile): `make fuzz SECONDS=N` builds every libFuzzer
# target in Fuzz/ (Fuzz/build.sh: -sanitize=fuzzer,address, checks kept) and runs each for
# N seconds with seed corpora from notebooks/, Tests/Corpus, Tests/Fixtures and Fuzz/Seeds
# (Fuzz/run.sh). Crashes land in Fuzz/.build/crashes and fail the target. Not part of `make test`.
SECONDS ?= 60
FUZZ_TARGETS ?=

.PHONY: fuzz fuzz-build
fuzz-build:
	Fuzz/build.sh $(FUZZ_TARGETS)

fuzz: fuzz-build
	Fuzz/run.sh $(SECONDS) $(FUZZ_TARGETS)
