// libFuzzer's driver entry point (compiler-rt, FuzzerInterface.h). It is
// declared here because SwiftPM names a debug executable's entry point
// `<Target>_main` and aliases `main` to it, which keeps libFuzzer's own `main`
// out of the link: the fuzzers' `<Target>_main` calls the driver instead.
#ifndef CLIBFUZZER_H
#define CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*UserCb)(const uint8_t *Data, size_t Size));

#endif
