// Scaffold: replaced by the module's real sources.
