// Scaffold: replaced by the suite's real benchmarks.
