// Placeholder until the PostgreSQL stores land; deleted by their first commit.
enum PostgresStoreScaffold {}
